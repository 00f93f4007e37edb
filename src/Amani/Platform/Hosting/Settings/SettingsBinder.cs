using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace Amani.Platform.Hosting.Settings;

/// <summary>
/// Binds an options class from <see cref="AmaniConfiguration"/>: every property marked
/// <c>[ConfigurationKeyName("AMANI_…")]</c> takes its variable's value, strictly parsed (invariant culture, whole
/// value). What a variable accepts follows from its property's type and attributes (<see cref="RangeAttribute"/>,
/// <see cref="SettingFormatAttribute"/>), and every refusal is worded by <see cref="Failure"/>, so that each names
/// the variable and what it accepts. Unset variables leave the property's default.
/// </summary>
public static class SettingsBinder
{
    /// <summary>
    /// Registers <typeparamref name="T"/> as <see cref="IOptions{TOptions}"/> bound from the app's configuration and
    /// validated when the app is built and started, and <typeparamref name="T"/> itself as a singleton (its bound
    /// value; a later registration, e.g. a test's, replaces that one).
    /// </summary>
    public static IServiceCollection AddSettings<T>(this IServiceCollection services) where T : class
    {
        services.AddOptions<T>()
            .Configure<IConfiguration>((options, configuration) => Bind(configuration, options))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<T>>(provider =>
            new OptionsValidator<T>(provider.GetRequiredService<IConfiguration>()));
        services.AddSingleton(provider => provider.GetRequiredService<IOptions<T>>().Value);
        return services;
    }

    /// <summary>Binds, then validates; throws <see cref="OptionsValidationException"/> naming every refused variable.</summary>
    public static T BindValid<T>(IConfiguration configuration, T options) where T : class
    {
        Bind(configuration, options);
        var failures = Validate(configuration, options);
        if (failures.Count > 0)
            throw new OptionsValidationException(typeof(T).Name, typeof(T), failures);
        return options;
    }

    /// <summary>Sets every property whose variable is set and parses; leaves the others (<see cref="Validate"/> reports them).</summary>
    public static void Bind(IConfiguration configuration, object options)
    {
        foreach (var setting in Of(options.GetType()))
            if (ValueOf(configuration, setting.Variable) is { } text && setting.TryParse(text, out var value))
                setting.Property.SetValue(options, value);
    }

    /// <summary>Every refused variable of <paramref name="options"/>, one message each.</summary>
    public static IReadOnlyList<string> Validate(IConfiguration configuration, object options)
    {
        var settings = Of(options.GetType());
        var failures = settings
            .Where(setting => ValueOf(configuration, setting.Variable) is { } text && !setting.TryParse(text, out _))
            .Select(setting => Failure(setting.Variable, setting.Accepts))
            .ToList();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
            foreach (var member in result.MemberNames)
            {
                if (settings.FirstOrDefault(s => s.Property.Name == member) is not { } setting
                    || failures.Any(f => f.StartsWith(setting.Variable + " ", StringComparison.Ordinal)))
                    continue;
                var problem = result is RuleResult ? result.ErrorMessage : null; // else the attribute's check failed: "is not valid"
                failures.Add(Failure(setting.Variable, setting.Accepts, problem));
            }
        return failures;
    }

    /// <summary>A variable's value, trimmed; null when unset or empty.</summary>
    public static string? ValueOf(IConfiguration configuration, string variable) =>
        configuration[variable] is { } text && !string.IsNullOrWhiteSpace(text) ? text.Trim() : null;

    /// <summary>The one wording of a refused setting: its variable, what is wrong, and what it accepts.</summary>
    public static string Failure(string variable, string accepts, string? problem = null) =>
        $"{variable} {problem ?? "is not valid"}: it accepts {accepts}.";

    /// <summary>The variables an options class reads, in declaration order.</summary>
    public static IReadOnlyList<Setting> Of(Type type) => Cache.GetOrAdd(type, static type => type
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Select(property => (property, key: property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name))
        .Where(p => p.key?.StartsWith(AmaniConfiguration.Prefix, StringComparison.Ordinal) == true)
        .Select(p => new Setting(p.key!, p.property))
        .ToList());

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, IReadOnlyList<Setting>> Cache = new();

    /// <summary>
    /// A rule across settings (<see cref="IValidatableObject"/>): its message is the problem ("is required when …"),
    /// worded by <see cref="Failure"/> like every other.
    /// </summary>
    public sealed class RuleResult(string problem, string memberName) : ValidationResult(problem, [memberName]);

    private sealed class OptionsValidator<T>(IConfiguration configuration) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            SettingsBinder.Validate(configuration, options) is { Count: > 0 } failures
                ? ValidateOptionsResult.Fail(failures)
                : ValidateOptionsResult.Success;
    }
}

/// <summary>One variable of an options class: its property, how its text parses, and what it accepts.</summary>
public sealed record Setting(string Variable, PropertyInfo Property)
{
    private Type Type => Nullable.GetUnderlyingType(Property.PropertyType) ?? Property.PropertyType;
    private RangeAttribute? Range => Property.GetCustomAttribute<RangeAttribute>();

    private string Bounds => Range switch
    {
        null => "",
        { Maximum: int.MaxValue } or { Maximum: "9223372036854775807" } => $" of at least {Range.Minimum}",
        _ => string.Create(CultureInfo.InvariantCulture, $" from {Range.Minimum} to {Range.Maximum}"),
    };

    public bool TryParse(string text, out object? value)
    {
        value = null;
        var type = Type;
        if (type == typeof(string))
            value = text;
        else if (type == typeof(int) && int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i))
            value = i;
        else if (type == typeof(long) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
            value = l;
        else if (type == typeof(double) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
            value = d;
        else if (type == typeof(bool) && bool.TryParse(text, out var b))
            value = b;
        else if (type.IsEnum && Enum.GetNames(type).FirstOrDefault(n => n.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } name)
            value = Enum.Parse(type, name); // by name only: not "1", not "text,json"
        else if (type == typeof(Uri) && Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
            value = uri;
        else if (type == typeof(IReadOnlyList<IPAddress>))
        {
            var parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var addresses = parts.Select(part => IPAddress.TryParse(part, out var address) ? address : null).ToList();
            if (addresses.All(a => a is not null))
                value = addresses.Select(a => a!).ToList();
        }
        return value is not null;
    }

    /// <summary>What the variable accepts, in words (for messages and docs/configuration.md).</summary>
    public string Accepts => Property.GetCustomAttribute<SettingFormatAttribute>()?.Accepts ?? Type switch
    {
        var t when t == typeof(int) || t == typeof(long) => "a whole number" + Bounds,
        var t when t == typeof(double) => "a number" + Bounds,
        var t when t == typeof(bool) => "true or false",
        var t when t.IsEnum => "one of " + string.Join(", ", Enum.GetNames(t).Select(n => n.ToLowerInvariant())),
        var t when t == typeof(Uri) => "an absolute http:// or https:// URL",
        var t when t == typeof(IReadOnlyList<IPAddress>) => "IP addresses separated by commas",
        _ => "any text",
    };
}

/// <summary>
/// A check on a text setting, with what it accepts in words. Subclasses: <see cref="HttpUrlAttribute"/>,
/// <see cref="HostNameAttribute"/>, <see cref="MailAddressAttribute"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public abstract class SettingFormatAttribute(string accepts) : ValidationAttribute
{
    public string Accepts { get; } = accepts;

    public override bool IsValid(object? value) => value is not string text || IsValidText(text);

    protected abstract bool IsValidText(string text);
}

/// <summary>One or more absolute http:// or https:// addresses separated by <c>;</c> (templates with <c>{z}</c> etc. allowed).</summary>
public sealed class HttpUrlAttribute(bool list = false)
    : SettingFormatAttribute(list ? "http:// or https:// addresses separated by ';'" : "an absolute http:// or https:// URL")
{
    protected override bool IsValidText(string text) =>
        (list ? text.Split(';', StringSplitOptions.TrimEntries) : [text]).All(url =>
            (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            && url.IndexOf("://", StringComparison.Ordinal) + 3 < url.Length && !url.Any(char.IsWhiteSpace));
}

public sealed class HostNameAttribute(bool orAddress = false)
    : SettingFormatAttribute(orAddress ? "a host name such as mail.example.org, or an IP address" : "a host name such as alerts.example.org")
{
    protected override bool IsValidText(string text) => Uri.CheckHostName(text) switch
    {
        UriHostNameType.Dns => true,
        UriHostNameType.IPv4 or UriHostNameType.IPv6 => orAddress,
        _ => false,
    };
}

/// <summary>Host names or IP addresses separated by commas; a name may start with <c>*.</c> for its sub-domains.</summary>
public sealed class HostPatternListAttribute() : SettingFormatAttribute("host names or IP addresses separated by commas, such as amani.example.org,*.mission.example")
{
    protected override bool IsValidText(string text) =>
        text.Split(',', StringSplitOptions.TrimEntries).All(host => Uri.CheckHostName(host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host)
            is UriHostNameType.Dns or UriHostNameType.IPv4 or UriHostNameType.IPv6);
}

public sealed class MailAddressAttribute() : SettingFormatAttribute("an e-mail address such as amani@example.org, optionally with a name: Amani <amani@example.org>")
{
    protected override bool IsValidText(string text) =>
        System.Net.Mail.MailAddress.TryCreate(text, out var address) && address.Address.Contains('@')
        && (address.Address == text || text.EndsWith($"<{address.Address}>", StringComparison.Ordinal));
}

/// <summary>The audit chain key as text: base64 of at least 32 bytes (<see cref="Audit.AuditChainKey"/>).</summary>
public sealed class AuditKeyTextAttribute() : SettingFormatAttribute(Audit.AuditChainKey.Accepts)
{
    protected override bool IsValidText(string text) => Audit.AuditChainKey.TryParse(text, out _);
}

/// <summary>The path of a readable file holding the audit chain key as base64 of at least 32 bytes.</summary>
public sealed class AuditKeyFileAttribute() : SettingFormatAttribute("the path of a readable file holding " + Audit.AuditChainKey.Accepts)
{
    protected override bool IsValidText(string text) => Audit.AuditChainKeys.ReadFile(text, text) is not null;
}
