using System.Text;
using Microsoft.EntityFrameworkCore;
using Amani.Platform.Access;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Amani.Platform.Data;

/// <summary>
/// Conventions shared by every entity: snake_case names (so hand-written SQL reads the same on both databases),
/// enums and roles stored as their names, and <see cref="DateTime"/> values always UTC.
/// </summary>
public static class ModelConventions
{
    private static readonly ValueConverter<DateTime, DateTime> Utc =
        new(v => v, v => DateTime.SpecifyKind(v, DateTimeKind.Utc));

    /// <summary>Roles (declared by modules, so not an enum) are stored as their names, like enums.</summary>
    public static void Configure(ModelConfigurationBuilder builder) => builder.Properties<Role>().HaveConversion<RoleNameConverter>();

    private sealed class RoleNameConverter() : ValueConverter<Role, string>(v => v.Name, v => Role.FromStored(v));

    public static void Apply(ModelBuilder builder)
    {
        foreach (var entity in builder.Model.GetEntityTypes())
        {
            entity.SetTableName(SnakeCase(entity.GetTableName()!));
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(SnakeCase(property.Name));
                var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
                if (type.IsEnum)
                    property.SetProviderClrType(typeof(string));
                else if (type == typeof(DateTime))
                    property.SetValueConverter(Utc);
            }
            foreach (var key in entity.GetKeys())
                key.SetName(SnakeCase(key.GetName()!));
            // Ids are UUIDv7 made by the application, so an entity with an id set is not necessarily stored yet:
            // a child added to a tracked parent's collection must be inserted, not updated.
            if (entity.FindPrimaryKey() is { Properties: [{ ClrType: var keyType } id] } && keyType == typeof(Guid))
                id.ValueGenerated = Microsoft.EntityFrameworkCore.Metadata.ValueGenerated.Never;
            foreach (var foreignKey in entity.GetForeignKeys())
                foreignKey.SetConstraintName(SnakeCase(foreignKey.GetConstraintName()!));
            foreach (var index in entity.GetIndexes())
                index.SetDatabaseName(SnakeCase(index.GetDatabaseName()!));
        }
    }

    public static string SnakeCase(string name)
    {
        var result = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                var previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                var nextIsLower = i + 1 < name.Length && char.IsLower(name[i + 1]) && i > 0 && char.IsUpper(name[i - 1]);
                if (previousIsLowerOrDigit || nextIsLower)
                    result.Append('_');
                result.Append(char.ToLowerInvariant(c));
            }
            else
                result.Append(c);
        }
        return result.ToString();
    }
}
