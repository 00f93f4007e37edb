using System.Globalization;
using System.Xml.Linq;
using Amani.Governance.Surveys.Forms;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>What a column of the submissions table holds.</summary>
public enum ColumnKind { InstanceId, SubmittedAt, Submitter, ReviewState, FormVersion, ParentKey, Key, Answer, Choice, RepeatCount, Adm1, Adm2, Adm2Name }

/// <summary>
/// A column: its name (the answer's path below the instance root, <c>group/name</c>; <c>{path}/{choice}</c> for a choice of
/// a select_multiple; <c>{path}_adm1</c>, <c>{path}_adm2</c>, <c>{path}_adm2_name</c> for a geopoint's areas), its HXL
/// hashtag (or null), and what it holds.
/// </summary>
public sealed record TableColumn(string Name, ColumnKind Kind, string? Hxl, FormField? Field = null, string? Choice = null)
{
    /// <summary>Steps of the answer's path below the table's element (the instance root, or the repeat instance).</summary>
    internal string[] Steps { get; init; } = [];

    /// <summary>True for integer and decimal answers (written as numbers in XLSX).</summary>
    public bool Numeric => Kind == ColumnKind.Answer && Field?.Type is "integer" or "decimal";

    public bool Binary { get; init; }
}

/// <summary>A submission as the table reads it.</summary>
public sealed record SubmissionRecord(Guid Id, string InstanceId, DateTime ReceivedAt, string Submitter, ReviewState ReviewState, string Version, string Xml);

/// <summary>The admin-1 and admin-2 areas (P-code, name) of a point; null when the point lies in none of the mission's areas.</summary>
public delegate (string? Adm1, string? Adm2, string? Adm2Name) PointAreas(double latitude, double longitude);

/// <summary>
/// The columns of a form's submissions, and the rows of each submission. Versions are united by path: the latest
/// version's questions first, in form order, then those only older versions had. Meta columns first (instanceID, submitted
/// at, submitter, review state, form version), then one column per question (groups and repeats hold none): a
/// select_multiple as its space-separated values and, when asked, one 0/1 column per choice; a geopoint as its text and
/// its areas; a binary answer as the link to the attachment endpoint; a question inside a repeat as its answers joined with
/// <c> | </c>, after a <c>{repeat}_count</c> column per repeat not itself in a repeat. Each repeat has its own table too
/// (as ODK Central's exports): <c>PARENT_KEY</c> (the instanceID, or the key of the enclosing repeat instance), <c>KEY</c>
/// (<c>uuid:…/member[2]</c>), then the repeat's questions. <b>For partners</b>: personal questions
/// (<see cref="SubmissionPrivacy"/>), attachments, traces and shapes, the geopoint's coordinates and the submitter are left
/// out; a geopoint keeps its admin-1 and admin-2 areas.
/// </summary>
public sealed class SubmissionLayout
{
    public const string Joiner = " | ";
    private static readonly HashSet<string> BinaryTypes = ["image", "audio", "video", "file", "background-audio", "binary"];

    public IReadOnlyList<TableColumn> Main { get; }
    /// <summary>Repeat path (below the root) → its columns.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<TableColumn>> Repeats { get; }
    private readonly HashSet<string> _repeatPaths;

    private SubmissionLayout(IReadOnlyList<TableColumn> main, IReadOnlyDictionary<string, IReadOnlyList<TableColumn>> repeats, HashSet<string> repeatPaths)
    {
        Main = main;
        Repeats = repeats;
        _repeatPaths = repeatPaths;
    }

    /// <summary>A version as the layout needs it: what the compiler read, its XForm (for its repeats), its binary paths.</summary>
    public sealed record VersionShape(FormInfo Info, string XForm, IReadOnlyList<string> BinaryPaths);

    /// <param name="versions">Newest first.</param>
    public static SubmissionLayout Build(IReadOnlyList<VersionShape> versions, bool forPartners, bool splitChoices)
    {
        var repeatPaths = new HashSet<string>(StringComparer.Ordinal);
        var binary = new HashSet<string>(StringComparer.Ordinal);
        var fields = new List<FormField>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var version in versions)
        {
            foreach (var path in RepeatsOf(version.XForm))
                repeatPaths.Add(path);
            binary.UnionWith(version.BinaryPaths);
            foreach (var field in version.Info.Fields)
                if (seen.Add(XFormPaths.RelativePath(field.Path)))
                    fields.Add(field);
        }
        var main = new List<TableColumn>
        {
            new("instanceID", ColumnKind.InstanceId, null), new("submittedAt", ColumnKind.SubmittedAt, null),
        };
        if (!forPartners)
            main.Add(new TableColumn("submitter", ColumnKind.Submitter, null));
        main.Add(new TableColumn("reviewState", ColumnKind.ReviewState, null));
        main.Add(new TableColumn("formVersion", ColumnKind.FormVersion, null));
        foreach (var repeat in repeatPaths.Where(r => Innermost(r, repeatPaths, excludeSelf: true) is null).Order(StringComparer.Ordinal))
            main.Add(new TableColumn(repeat + "_count", ColumnKind.RepeatCount, null) { Steps = repeat.Split('/') });
        var repeats = repeatPaths.ToDictionary(r => r, r => (List<TableColumn>)[new("PARENT_KEY", ColumnKind.ParentKey, null), new("KEY", ColumnKind.Key, null)],
            StringComparer.Ordinal);
        foreach (var field in fields)
        {
            var path = XFormPaths.RelativePath(field.Path);
            if (path == "meta/instanceID" || path.Length == 0)
                continue;
            var isBinary = BinaryTypes.Contains(field.Type) || binary.Contains(path);
            if (forPartners && (SubmissionPrivacy.IsPersonal(field) || isBinary || field.Type is "geotrace" or "geoshape"))
                continue;
            var columns = ColumnsOf(field, path, isBinary, forPartners, splitChoices);
            main.AddRange(columns.Select(c => c with { Steps = path.Split('/') }));
            if (Innermost(path, repeatPaths, excludeSelf: true) is { } repeat)
                repeats[repeat].AddRange(columns.Select(c => c with { Steps = path[(repeat.Length + 1)..].Split('/') }));
        }
        return new SubmissionLayout(main, repeats.ToDictionary(r => r.Key, r => (IReadOnlyList<TableColumn>)r.Value, StringComparer.Ordinal), repeatPaths);
    }

    private static List<TableColumn> ColumnsOf(FormField field, string path, bool isBinary, bool forPartners, bool splitChoices)
    {
        var columns = new List<TableColumn>();
        if (field.Type == "geopoint")
        {
            if (!forPartners)
                columns.Add(new TableColumn(path, ColumnKind.Answer, field.Hxl, field));
            columns.Add(new TableColumn(path + "_adm1", ColumnKind.Adm1, "#adm1+code", field));
            columns.Add(new TableColumn(path + "_adm2", ColumnKind.Adm2, "#adm2+code", field));
            columns.Add(new TableColumn(path + "_adm2_name", ColumnKind.Adm2Name, "#adm2+name", field));
            return columns;
        }
        columns.Add(new TableColumn(path, ColumnKind.Answer, field.Hxl, field) { Binary = isBinary });
        if (splitChoices && field.Type == "select_multiple")
            columns.AddRange(field.Choices.Select(c => new TableColumn(path + "/" + c.Name, ColumnKind.Choice, null, field, c.Name)));
        return columns;
    }

    /// <summary>The repeat paths (below the root) of an XForm's body, in document order.</summary>
    public static IEnumerable<string> RepeatsOf(string xform)
    {
        var document = XDocument.Parse(xform);
        return document.Descendants().Where(e => e.Name.LocalName == "repeat").Select(e => (string?)e.Attribute("nodeset"))
            .OfType<string>().Select(XFormPaths.RelativePath).Where(p => p.Length > 0).ToList();
    }

    private static string? Innermost(string path, IReadOnlySet<string> repeats, bool excludeSelf) =>
        repeats.Where(r => path.StartsWith(r + "/", StringComparison.Ordinal) || (!excludeSelf && r == path)).MaxBy(r => r.Length);

    /// <summary>The instance's root element (the XML was checked when it was received; DTDs are refused anyway).</summary>
    public static XElement Root(string xml)
    {
        using var reader = System.Xml.XmlReader.Create(new StringReader(xml), XFormPaths.Safe);
        return XElement.Load(reader);
    }

    /// <summary>The main table's cells of one submission, in <see cref="Main"/>'s order.</summary>
    public string?[] MainRow(SubmissionRecord submission, XElement root, PointAreas areas, string attachmentBase) =>
        Main.Select(c => Cell(c, submission, root, areas, attachmentBase, submission.InstanceId, submission.InstanceId)).ToArray();

    /// <summary>The rows of one repeat's table for one submission.</summary>
    public IEnumerable<string?[]> RepeatRows(string repeat, SubmissionRecord submission, XElement root, PointAreas areas, string attachmentBase)
    {
        var columns = Repeats[repeat];
        var steps = repeat.Split('/');
        var instances = new List<(XElement Element, string Key, string Parent)>();
        void Walk(XElement element, int step, string prefix, string key, string parent)
        {
            if (step == steps.Length)
            {
                instances.Add((element, key, parent));
                return;
            }
            var path = prefix.Length == 0 ? steps[step] : prefix + "/" + steps[step];
            var isRepeat = _repeatPaths.Contains(path);
            var position = 0;
            foreach (var child in element.Elements().Where(e => e.Name.LocalName == steps[step]))
            {
                position++;
                var childKey = key + "/" + steps[step] + (isRepeat ? $"[{position}]" : "");
                Walk(child, step + 1, path, childKey, isRepeat && step + 1 < steps.Length ? childKey : parent);
            }
        }
        Walk(root, 0, "", submission.InstanceId, submission.InstanceId);
        foreach (var (element, key, parent) in instances)
            yield return columns.Select(c => Cell(c, submission, element, areas, attachmentBase, key, parent)).ToArray();
    }

    private static string? Cell(TableColumn column, SubmissionRecord s, XElement element, PointAreas areas, string attachmentBase, string key, string parent)
    {
        switch (column.Kind)
        {
            case ColumnKind.InstanceId: return s.InstanceId;
            case ColumnKind.SubmittedAt: return s.ReceivedAt.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
            case ColumnKind.Submitter: return s.Submitter;
            case ColumnKind.ReviewState: return SurveyQueries.Camel(s.ReviewState);
            case ColumnKind.FormVersion: return s.Version;
            case ColumnKind.Key: return key;
            case ColumnKind.ParentKey: return parent;
            case ColumnKind.RepeatCount: return At(element, column.Steps).Count().ToString(CultureInfo.InvariantCulture);
        }
        var values = At(element, column.Steps).Select(e => e.Value.Trim()).ToList();
        if (values.Count == 0)
            return null;
        IEnumerable<string?> cells = column.Kind switch
        {
            ColumnKind.Choice => values.Select(v => v.Length == 0 ? "" : v.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(column.Choice) ? "1" : "0"),
            ColumnKind.Adm1 or ColumnKind.Adm2 or ColumnKind.Adm2Name => values.Select(v => AreaOf(v, areas, column.Kind)),
            _ when column.Binary => values.Select(v => v.Length == 0 ? "" :
                $"{attachmentBase}/{Uri.EscapeDataString(s.InstanceId)}/attachments/{Uri.EscapeDataString(v)}"),
            _ => values,
        };
        var list = cells.Select(c => c ?? "").ToList();
        return list.All(c => c.Length == 0) ? null : string.Join(Joiner, list);
    }

    private static string? AreaOf(string point, PointAreas areas, ColumnKind kind)
    {
        if (Point(point) is not var (lat, lon))
            return null;
        var (adm1, adm2, adm2Name) = areas(lat, lon);
        return kind switch { ColumnKind.Adm1 => adm1, ColumnKind.Adm2 => adm2, _ => adm2Name };
    }

    /// <summary>A geopoint answer (<c>lat lon [alt [accuracy]]</c>) → latitude, longitude; null when it is not one.</summary>
    public static (double Latitude, double Longitude)? Point(string? text)
    {
        var parts = text?.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                                         && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                                         && lat is >= -90 and <= 90 && lon is >= -180 and <= 180
            ? (lat, lon) : null;
    }

    /// <summary>The elements at a path below an element (several when the path crosses a repeat).</summary>
    public static IEnumerable<XElement> At(XElement element, string[] steps)
    {
        IEnumerable<XElement> current = [element];
        foreach (var step in steps)
            current = current.SelectMany(e => e.Elements().Where(c => c.Name.LocalName == step));
        return current;
    }
}
