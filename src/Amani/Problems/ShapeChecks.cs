using System.ComponentModel.DataAnnotations;

namespace Amani.Problems;

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
}
