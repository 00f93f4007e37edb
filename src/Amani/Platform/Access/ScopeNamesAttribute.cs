using System.ComponentModel.DataAnnotations;

namespace Amani.Platform.Access;

/// <summary>Shape check for the scopes of a token request: every item is a known scope name (not null, not blank).</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class ScopeNamesAttribute : ValidationAttribute
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        foreach (var scope in value as IEnumerable<string?> ?? [])
            if (scope is null || !PermissionNames.TryParse(scope, out _))
                return new ValidationResult(
                    $"{(scope is null ? "null" : $"'{scope}'")} is not a scope. Known scopes: {string.Join(", ", PermissionNames.All)}.");
        return ValidationResult.Success;
    }
}
