using System.ComponentModel.DataAnnotations;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Amani.Platform.Web;

/// <summary>
/// The errors of a page form, each next to its field: the request record's own data-annotation checks (the same the
/// API runs on JSON bodies) and the feature rules' <c>Result</c> failures (field + message). In a view,
/// <c>aria-invalid="@errors.Invalid("email")" aria-describedby="@errors.DescribedBy("email")"</c> on the input and
/// <c>@errors.For("email")</c> after it.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _errors = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _errors.Count > 0;

    public string? this[string field] => _errors.GetValueOrDefault(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryAdd(field, message))
            _errors[field] += " " + message;
    }

    /// <summary>Runs the data-annotation checks of <paramref name="request"/>; true when it passes.</summary>
    public bool Check(object request)
    {
        var results = new List<ValidationResult>();
        if (Validator.TryValidateObject(request, new ValidationContext(request), results, validateAllProperties: true))
            return true;
        foreach (var result in results)
            Add(result.MemberNames.FirstOrDefault() is { } member ? char.ToLowerInvariant(member[0]) + member[1..] : "form", result.ErrorMessage ?? "Invalid.");
        return false;
    }

    /// <summary>"true" when the field has an error (else null, so Razor leaves the attribute out).</summary>
    public string? Invalid(string field) => _errors.ContainsKey(field) ? "true" : null;

    public string? DescribedBy(string field) => _errors.ContainsKey(field) ? field + "-error" : null;

    /// <summary>The field's message, or nothing.</summary>
    public IHtmlContent For(string field) => _errors.TryGetValue(field, out var message)
        ? new HtmlString($"<p id=\"{HtmlEncoder.Default.Encode(field)}-error\" class=\"field-error\">{HtmlEncoder.Default.Encode(message)}</p>")
        : HtmlString.Empty;

    /// <summary>Errors of fields the form does not show (none expected), for a message at the top of the form.</summary>
    public IEnumerable<string> Others(params string[] shown) => _errors.Where(e => !shown.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).Select(e => e.Value);
}
