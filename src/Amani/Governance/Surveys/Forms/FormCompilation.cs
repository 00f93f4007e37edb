namespace Amani.Governance.Surveys.Forms;

/// <summary>
/// What compiling a form gave: the ODK XForm (UTF-8 XML text) and what Amani needs to know of it, or the problems that
/// stopped it. Either <see cref="Problems"/> is empty and <see cref="XForm"/> and <see cref="Info"/> are set, or there is at
/// least one problem and both are null.
/// </summary>
public sealed record FormCompilation(string? XForm, FormInfo? Info, IReadOnlyList<FormProblem> Problems)
{
    /// <summary>True when the form compiled: no problem, an XForm.</summary>
    public bool Ok => Problems.Count == 0 && XForm is not null;

    internal static FormCompilation Refused(IReadOnlyList<FormProblem> problems) => new(null, null, problems);
}

/// <summary>
/// What Amani needs of a form: its id and version (the primary instance's <c>id</c> and <c>version</c>), its title, its
/// languages (the itext translations in document order; <c>"default"</c> alone when the form has no translations), the
/// default one (the translation marked <c>default="true()"</c>, else null), its fields and the media files it refers to.
/// </summary>
/// <param name="Fields">The questions in document order, groups and repeats left out (they hold no answer), meta/instanceID too.</param>
/// <param name="MediaFiles">
/// The file names (without the <c>jr://images/</c>, <c>jr://audio/</c>, <c>jr://video/</c> or <c>jr://file/</c> prefix)
/// the form refers to, each once, in ordinal order: what the OpenRosa manifest must list.
/// </param>
/// <param name="ConsentPath">
/// The path of the consent question (the XLSForm setting <c>consent</c>, a select_one offering <c>yes</c>) when the form is
/// gated by one: every question after it is relevant only when it is <c>yes</c>, and a submission without that answer is
/// stored with its meta and the consent answer only. Null when the form has no consent question.
/// </param>
public sealed record FormInfo(
    string FormId,
    string Version,
    string Title,
    string? DefaultLanguage,
    IReadOnlyList<string> Languages,
    IReadOnlyList<FormField> Fields,
    IReadOnlyList<string> MediaFiles,
    string? ConsentPath = null);

/// <summary>
/// One question of a form, as submissions hold it.
/// </summary>
/// <param name="Path">The instance path, e.g. <c>/data/household/age</c>.</param>
/// <param name="Name">The last step of the path.</param>
/// <param name="Type">The XLSForm type name: text, integer, decimal, select_one, select_multiple, date, datetime, time,
/// geopoint, geotrace, geoshape, image, audio, video, file, barcode, acknowledge, note, calculate, hidden, start, end,
/// today, deviceid, username.</param>
/// <param name="InRepeat">True when the question sits inside a repeat (a submission may hold it several times).</param>
/// <param name="ChoiceList">The choice list a select offers (the secondary instance's id), else null.</param>
/// <param name="Labels">Language → label text; references to other questions written <c>${name}</c>.</param>
/// <param name="Choices">The choices of <see cref="ChoiceList"/> (all of them: a choice filter is applied in the form).</param>
/// <param name="Hxl">The XLSForm's <c>hxl</c> column (<c>#respondent+name</c>), the hashtag of the exports' HXL row; else null.</param>
/// <param name="Personal">The XLSForm's <c>personal</c> column (yes/no) when written: whether the answer names or reaches a
/// person (see <see cref="Submissions.SubmissionPrivacy"/> for the rule when it is not written).</param>
public sealed record FormField(
    string Path,
    string Name,
    string Type,
    bool InRepeat,
    string? ChoiceList,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyList<FormChoice> Choices,
    string? Hxl = null,
    bool? Personal = null);

/// <summary>One choice of a list: the value stored in submissions and its label per language.</summary>
public sealed record FormChoice(string Name, IReadOnlyDictionary<string, string> Labels);

/// <summary>
/// One reason a form was refused, where it is: the sheet ("survey", "choices", "settings", "workbook"; "xml" for an
/// uploaded XForm), the row as the spreadsheet shows it (1-based, the header is row 1 when it is the first row; for XML,
/// the line), the column's header as written, and a message a form author can act on.
/// </summary>
public sealed record FormProblem(string Sheet, int? Row, string? Column, string Message);
