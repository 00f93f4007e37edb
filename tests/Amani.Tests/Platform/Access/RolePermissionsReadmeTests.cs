using Amani.Platform.Access;
using Xunit;

namespace Amani.Tests.Platform.Access;

/// <summary>The README's permission table says exactly what <see cref="RolePermissions"/> grants.</summary>
public sealed class RolePermissionsReadmeTests
{
    [Fact]
    public void The_readme_permission_table_matches_the_code()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryRoot(), "README.md"));
        var table = readme[readme.IndexOf("<!-- permissions:start -->", StringComparison.Ordinal)..readme.IndexOf("<!-- permissions:end -->", StringComparison.Ordinal)];
        var rows = table.Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal))
            .Select(l => l.Split('|', StringSplitOptions.TrimEntries)[1..^1]).ToList();

        Assert.Equal(PermissionNames.All.Order(), rows.Select(r => r[0].Trim('`')).Order());
        var roles = Enum.GetValues<Role>();
        foreach (var row in rows)
        {
            Assert.True(PermissionNames.TryParse(row[0].Trim('`'), out var permission));
            for (var i = 0; i < roles.Length; i++)
                Assert.True(RolePermissions.Grants(roles[i], permission) == (row[i + 1] == "✓"), $"README says {row[i + 1]} for {roles[i]} × {permission.Name()}");
            Assert.Equal("—", row[roles.Length + 1]); // the public holds no permission
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
