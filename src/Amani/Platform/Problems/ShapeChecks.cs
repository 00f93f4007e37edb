using System.ComponentModel.DataAnnotations;

namespace Amani.Platform.Problems;

/// <summary>
/// Runs the data-annotation shape checks of a request record where the framework does not (CLI input, HTML form posts,
/// SMS messages, nested bodies), with the same messages the API gives for JSON bodies.
/// </summary>
public static class ShapeChecks
{
    public static string? Check(object request)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true)
            ? null
            : string.Join(" ", results.Select(r => r.ErrorMessage));
    }

    /// <summary>Every failing check as (member, message), the member in the contract's camelCase (for a form that shows errors by field).</summary>
    public static IReadOnlyList<(string Member, string Error)> Errors(object request)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true);
        return results.SelectMany(r => (r.MemberNames.Any() ? r.MemberNames : [""]).Select(m => (CamelCase(m), r.ErrorMessage ?? ""))).ToList();
    }

    private static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
