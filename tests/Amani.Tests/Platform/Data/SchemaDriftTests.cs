using Amani.Platform.Data;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Xunit;

namespace Amani.Tests.Platform.Data;

/// <summary>
/// The migration scripts and the EF model describe the same schema. When this fails, the model was changed without a
/// migration (or a migration without the model).
/// </summary>
public sealed class SchemaDriftTests
{
    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_migration_scripts_build_the_schema_of_the_EF_model(DatabaseProvider provider)
    {
        await using var migrated = TestDatabase.Create(provider);
        await new SchemaMigrator(migrated.Target).MigrateAsync();
        await using var modelled = TestDatabase.Create(provider);
        if (provider == DatabaseProvider.Postgres)
            await SchemaSnapshot.CreatePostgresSchemaAsync(modelled.Target);
        await using (var db = new AmaniDbContext(modelled.Target.CreateOptions()))
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());

        var fromScripts = await SchemaSnapshot.ReadAsync(migrated.Target);
        var fromModel = await SchemaSnapshot.ReadAsync(modelled.Target);

        Assert.Contains("table access_tokens", fromModel);
        Assert.Contains(fromModel, line => line.StartsWith("index access_tokens.ix_access_tokens_secret_hash ", StringComparison.Ordinal));
        var onlyScripts = fromScripts.Except(fromModel).ToList();
        var onlyModel = fromModel.Except(fromScripts).ToList();
        Assert.True(onlyScripts.Count == 0 && onlyModel.Count == 0,
            $"The {provider} schema built by Data/Migrations/{provider.ToString().ToLowerInvariant()}/*.sql differs from the EF model. " +
            "If you changed an entity or its configuration, your model change lacks a migration: add the next NNNN_name.sql for BOTH " +
            "providers (diff the output of './amani db model-script --provider sqlite|postgres' against the existing scripts).\n" +
            $"Only in the migrated database:{List(onlyScripts)}\nOnly in the EF model:{List(onlyModel)}");
    }

    private static string List(IReadOnlyList<string> lines) => lines.Count == 0 ? " (none)" : "\n  " + string.Join("\n  ", lines);
}
