using Amani.Governance.Surveys.Forms;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>
/// Which answers are personal — they name or reach a person — and so never leave Amani in a shareable export. The rule,
/// in order:
/// <list type="number">
/// <item>the XLSForm's <c>personal</c> column, when written (yes or no), decides;</item>
/// <item>the metadata questions that identify a phone or its user (<c>deviceid</c>, <c>username</c>, <c>phonenumber</c>,
/// <c>email</c>, <c>subscriberid</c>, <c>simserial</c>) are personal;</item>
/// <item>a <c>text</c> question is personal when its name, cut into words (at <c>_</c>, <c>-</c>, <c>.</c>, digits and
/// lower→upper case changes), holds one of <see cref="PersonalWords"/> (<c>respondent_name</c>, <c>phone_number</c>,
/// <c>contactTel</c>), or when its HXL hashtag is <c>#contact</c>, has a <c>+phone</c> or <c>+email</c> attribute, or
/// has <c>+name</c> on a hashtag of people (<see cref="PeopleTags"/>: <c>#respondent+name</c> is personal,
/// <c>#adm2+name</c> is not);</item>
/// <item>any other question is not.</item>
/// </list>
/// The rule errs on the side of hiding: a text question <c>village_name</c> is personal by its name until its author
/// writes <c>personal: no</c>.
/// </summary>
public static class SubmissionPrivacy
{
    public static readonly IReadOnlySet<string> PersonalWords = new HashSet<string>(StringComparer.Ordinal)
        { "name", "names", "surname", "firstname", "lastname", "fullname", "phone", "telephone", "tel", "mobile", "msisdn", "contact", "email" };

    public static readonly IReadOnlySet<string> PersonalTypes = new HashSet<string>(StringComparer.Ordinal)
        { "deviceid", "username", "phonenumber", "email", "subscriberid", "simserial" };

    public static readonly IReadOnlySet<string> PeopleTags = new HashSet<string>(StringComparer.Ordinal)
        { "#respondent", "#contact", "#beneficiary", "#member", "#person", "#affected", "#reached", "#targeted", "#inneed" };

    public static bool IsPersonal(FormField field)
    {
        if (field.Personal is { } written)
            return written;
        if (PersonalTypes.Contains(field.Type))
            return true;
        if (field.Type != "text")
            return false;
        if (Words(field.Name).Any(PersonalWords.Contains))
            return true;
        if (field.Hxl is not { Length: > 0 } hxl)
            return false;
        var parts = hxl.ToLowerInvariant().Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var tag = parts[0];
        var attributes = parts.Skip(1).ToHashSet(StringComparer.Ordinal);
        return tag == "#contact" || attributes.Contains("phone") || attributes.Contains("email")
               || (attributes.Contains("name") && PeopleTags.Contains(tag));
    }

    /// <summary><c>respondentPhone_2</c> → respondent, phone.</summary>
    public static IEnumerable<string> Words(string name)
    {
        var word = new System.Text.StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            var split = !char.IsLetter(c) || (char.IsUpper(c) && i > 0 && char.IsLower(name[i - 1]));
            if (split && word.Length > 0)
            {
                yield return word.ToString().ToLowerInvariant();
                word.Clear();
            }
            if (char.IsLetter(c))
                word.Append(c);
        }
        if (word.Length > 0)
            yield return word.ToString().ToLowerInvariant();
    }
}
