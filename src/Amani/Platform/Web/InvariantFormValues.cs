using System.Globalization;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Amani.Platform.Web;

/// <summary>
/// Form fields are read in the invariant culture, whatever the page's language: browsers submit <c>type=number</c> as
/// <c>4.25</c> and <c>datetime-local</c> as ISO 8601 in every locale, so reading them as French would refuse (or lose) a
/// coordinate typed on a French page. Query strings are already read this way by ASP.NET Core. The NUL character
/// (U+0000), which no form field legitimately holds and PostgreSQL refuses in text, is dropped from every value.
/// </summary>
public sealed class InvariantFormValueProviderFactory : IValueProviderFactory
{
    public async Task CreateValueProviderAsync(ValueProviderFactoryContext context)
    {
        var request = context.ActionContext.HttpContext.Request;
        if (!request.HasFormContentType)
            return;
        try
        {
            var form = await request.ReadFormAsync(context.ActionContext.HttpContext.RequestAborted);
            if (form.Any(field => field.Value.Any(v => v?.Contains('\0') == true)))
                form = new FormCollection(form.ToDictionary(f => f.Key, f => new Microsoft.Extensions.Primitives.StringValues(
                    f.Value.Select(v => v?.Replace("\0", "")).ToArray())), form.Files);
            context.ValueProviders.Add(new FormValueProvider(BindingSource.Form, form, CultureInfo.InvariantCulture));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            // As ASP.NET Core's own factory: the request is answered 400, not 500.
            throw new ValueProviderException($"The form could not be read: {exception.Message}", exception);
        }
    }

    /// <summary>Puts this factory in the place of ASP.NET Core's culture-sensitive one.</summary>
    public static void Replace(IList<IValueProviderFactory> factories)
    {
        var index = factories.IndexOf(factories.OfType<FormValueProviderFactory>().Single());
        factories[index] = new InvariantFormValueProviderFactory();
    }
}
