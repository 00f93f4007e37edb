using System.ComponentModel.DataAnnotations;

namespace Amani.Cli;

/// <summary>Runs the same data-annotation shape checks on CLI input that the API runs on request bodies.</summary>
public static class Validation
{
    public static string? Check(object request)
    {
        var results = new List<ValidationResult>();
        return Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true)
            ? null
            : string.Join(" ", results.Select(r => r.ErrorMessage));
    }
}
