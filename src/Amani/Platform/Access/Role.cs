using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Amani.Platform.Access;

/// <summary>
/// A role a user can hold (the anonymous public holds none). The platform declares the five roles every mission has;
/// a module declares its own the way it declares its audit codes, as a static extension member in its
/// <c>XxxPermissions</c> class (<c>extension(Role) { public static Role DdrOfficer => new("DdrOfficer", …); }</c>),
/// and grants it permissions there (<see cref="PermissionGrant"/>). <see cref="AccessCatalog"/> finds them all, so
/// <c>./amani users create --role R</c>, the user administration page and the API accept every declared role.
/// The name is stable — it is stored — and two roles are the same when their names are.
/// </summary>
[TypeConverter(typeof(RoleTypeConverter))]
[JsonConverter(typeof(RoleJsonConverter))]
public readonly struct Role : IEquatable<Role>, IParsable<Role>
{
    /// <param name="name">The stored name: PascalCase letters, at most 24 (the columns that store it).</param>
    /// <param name="english">How people read it in English, lower case (one, many).</param>
    /// <param name="french">How people read it in French, lower case (one, many).</param>
    /// <param name="forOrganization">
    /// Held on behalf of an organisation from outside the mission (a partner): granting it needs the organisation, and
    /// its holder sees restricted records only when they are shared with that organisation or role.
    /// </param>
    public Role(string name, RoleWords english, RoleWords french, bool forOrganization = false) =>
        (_name, English, French, ForOrganization) = (name, english, french, forOrganization);

    private readonly string? _name;

    /// <summary>Runs the platform: missions, users, organisations, areas, audit.</summary>
    public static Role Administrator => new("Administrator", new("administrator", "administrators"), new("administrateur", "administrateurs"));

    /// <summary>Mission analyst (JMAC, civil affairs): reads everything in scope, works on analysis.</summary>
    public static Role Analyst => new("Analyst", new("analyst", "analysts"), new("analyste", "analystes"));

    /// <summary>Joint Operations Centre duty officer: triage, verification, alerts.</summary>
    public static Role DutyOfficer => new("DutyOfficer", new("duty officer", "duty officers"), new("officier de permanence", "officiers de permanence"));

    /// <summary>Records incidents and patrol reports in the field.</summary>
    public static Role FieldOfficer => new("FieldOfficer", new("field officer", "field officers"), new("agent de terrain", "agents de terrain"));

    /// <summary>Partner NGO, UN agency or local authority: sees only its own organisation's restricted data.</summary>
    public static Role Partner => new("Partner", new("partner", "partners"), new("partenaire", "partenaires"), forOrganization: true);

    public string Name => _name ?? "";

    public RoleWords English { get; }

    public RoleWords French { get; }

    /// <summary>Held on behalf of an organisation from outside the mission; mission staff's roles are not.</summary>
    public bool ForOrganization { get; }

    /// <summary>The role's name in the current UI language, lower case: "duty officer" / "officier de permanence".</summary>
    public string One(CultureInfo? culture = null) => Words(culture).One;

    /// <summary>The role's plural in the current UI language, lower case: "duty officers" / "officiers de permanence".</summary>
    public string Many(CultureInfo? culture = null) => Words(culture).Many;

    /// <summary>The role as a label: "Duty officer" / "Officier de permanence".</summary>
    public string Label(CultureInfo? culture = null) => Capital(One(culture), culture);

    /// <summary>The plural as a heading or a list entry: "Duty officers" / "Officiers de permanence".</summary>
    public string Heading(CultureInfo? culture = null) => Capital(Many(culture), culture);

    private static string Capital(string words, CultureInfo? culture) =>
        words.Length == 0 ? "" : char.ToUpper(words[0], culture ?? CultureInfo.CurrentUICulture) + words[1..];

    private RoleWords Words(CultureInfo? culture) =>
        (culture ?? CultureInfo.CurrentUICulture).TwoLetterISOLanguageName == "fr" ? French : English;

    /// <summary>The name as JSON writes it: <c>dutyOfficer</c>.</summary>
    public string JsonName => JsonNamingPolicy.CamelCase.ConvertName(Name);

    /// <summary>
    /// A declared role from its name, read leniently: "DutyOfficer", "dutyOfficer", "duty-officer", "duty_officer" and
    /// "duty officer" are the same.
    /// </summary>
    public static bool TryParse([NotNullWhen(true)] string? text, IFormatProvider? provider, out Role role) =>
        AccessCatalog.TryFindRole(text, out role);

    public static bool TryParse([NotNullWhen(true)] string? text, out Role role) => TryParse(text, null, out role);

    public static Role Parse(string text, IFormatProvider? provider = null) =>
        TryParse(text, provider, out var role) ? role : throw new FormatException($"'{text}' is not a role. Roles: {AccessCatalog.RoleNames}.");

    /// <summary>The role stored under <paramref name="name"/>; a role no module declares any more keeps its name and holds nothing.</summary>
    public static Role FromStored(string name) =>
        AccessCatalog.TryFindRole(name, out var role) ? role : new Role(name, new(name, name), new(name, name), forOrganization: true);

    public bool Equals(Role other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Role other && Equals(other);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Name);

    public static bool operator ==(Role left, Role right) => left.Equals(right);

    public static bool operator !=(Role left, Role right) => !left.Equals(right);

    public override string ToString() => Name;
}

/// <summary>How people read a role: one holder, several.</summary>
public readonly record struct RoleWords(string One, string Many);

/// <summary>Roles in JSON: camelCase names (<c>dutyOfficer</c>), read as leniently as <see cref="Role.TryParse(string?, out Role)"/>.</summary>
public sealed class RoleJsonConverter : JsonConverter<Role>
{
    public override Role Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
            throw new JsonException($"a role is a string ({AccessCatalog.RoleJsonNames})");
        var text = reader.GetString();
        return Role.TryParse(text, out var role) ? role : throw new JsonException($"'{text}' is not a role ({AccessCatalog.RoleJsonNames})");
    }

    public override void Write(Utf8JsonWriter writer, Role value, JsonSerializerOptions options) => writer.WriteStringValue(value.JsonName);
}

/// <summary>Roles in forms and query strings (page model binding).</summary>
public sealed class RoleTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text ? Role.TryParse(text, out var role) ? role : throw new FormatException($"'{text}' is not a role.") : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is Role role ? role.Name : base.ConvertTo(context, culture, value, destinationType);
}
