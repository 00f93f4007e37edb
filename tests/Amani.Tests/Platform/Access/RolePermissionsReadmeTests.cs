using Amani.Platform.Access;
using Xunit;

namespace Amani.Tests.Platform.Access;

/// <summary>
/// The permission table of docs/platform/access.md (moved there from the README) says exactly what
/// <see cref="RolePermissions"/> grants.
/// </summary>
public sealed class RolePermissionsReadmeTests
{
    [Fact]
    public void The_documented_permission_table_matches_the_code()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "platform", "access.md"));
        var start = docs.IndexOf("<!-- permissions:start -->", StringComparison.Ordinal);
        var end = docs.IndexOf("<!-- permissions:end -->", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "docs/platform/access.md has no <!-- permissions:start/end --> table");
        var table = docs[start..end];
        var rows = table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1]).ToList();

        Assert.Equal(PermissionNames.All.Order(), rows.Select(r => r[0].Trim('`')).Order());
        var roles = AccessCatalog.Roles;
        foreach (var row in rows)
        {
            Assert.True(PermissionNames.TryParse(row[0].Trim('`'), out var permission));
            for (var i = 0; i < roles.Count; i++)
                Assert.True(RolePermissions.Grants(roles[i], permission) == (row[i + 1] == "✓"), $"docs/platform/access.md says {row[i + 1]} for {roles[i]} × {permission.Name()}");
            Assert.Equal("—", row[roles.Count + 1]); // the public holds no permission
        }
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Amani.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException("Amani.slnx not found above the test output.");
    }
}
