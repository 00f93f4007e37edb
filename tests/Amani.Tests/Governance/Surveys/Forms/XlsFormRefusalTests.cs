using System.IO.Compression;
using System.Text;
using Amani.Governance.Surveys.Forms;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Forms;

/// <summary>
/// Each way an XLSForm is refused: a problem with the sheet, the row as the spreadsheet shows it, the column's header
/// and a message the author can act on; never an exception, never an XForm; every problem at once.
/// </summary>
public sealed class XlsFormRefusalTests
{
    private static readonly string[] Basic = ["type", "name", "label"];

    private static XlsForm Form(params object?[][] rows) =>
        new XlsForm().Survey(Basic, rows).Settings(["form_id"], "refused");

    /// <summary>The one problem at (sheet, row, column); fails listing all problems when there is not exactly one there.</summary>
    private static string ProblemAt(FormCompilation result, string sheet, int? row, string? column)
    {
        Assert.False(result.Ok);
        Assert.Null(result.XForm);
        Assert.Null(result.Info);
        var found = result.Problems.Where(p => p.Sheet == sheet && p.Row == row && p.Column == column).ToList();
        Assert.True(found.Count == 1, $"expected one problem at {sheet}/{row}/{column}; problems:\n{string.Join("\n", result.Problems)}");
        return found[0].Message;
    }

    [Fact]
    public void A_workbook_without_a_survey_sheet_is_refused_naming_the_sheets_it_has()
    {
        var result = new XlsForm().Sheet("questions", Basic, ["text", "a", "A"]).Convert();
        var message = ProblemAt(result, "survey", null, null);
        Assert.Contains("no 'survey' sheet", message);
        Assert.Contains("'questions'", message);
    }

    [Fact]
    public void A_select_without_a_choices_sheet_is_refused_naming_the_list_and_its_row()
    {
        var result = Form(["text", "a", "A"], ["select_one yes_no", "ok", "OK?"]).Convert();
        var message = ProblemAt(result, "choices", null, null);
        Assert.Contains("'yes_no' (row 3)", message);
    }

    [Fact]
    public void An_unknown_question_type_is_refused_with_the_nearest_known_type()
    {
        var result = Form(["text", "a", "A"], ["integr", "n", "N"], ["range", "r", "R"]).Convert();
        Assert.Contains("Did you mean 'integer'?", ProblemAt(result, "survey", 3, "type"));
        Assert.Contains("Amani does not convert 'range'", ProblemAt(result, "survey", 4, "type"));
    }

    [Theory]
    [InlineData("relevant", "${age} >= 18 and")]
    [InlineData("constraint", ". >= ${age} )")]
    [InlineData("calculation", "${age} * ")]
    [InlineData("choice_filter", "name = = ${age}")]
    [InlineData("relevant", "${age} == 18")]
    public void An_expression_that_is_not_XPath_after_substitution_is_refused_at_its_cell(string column, string expression)
    {
        var type = column switch { "calculation" => "calculate", "choice_filter" => "select_one yes_no", _ => "integer" };
        var result = new XlsForm()
            .Survey(["type", "name", "label", column], ["integer", "age", "Age"], [type, "q", "Q", expression])
            .Choices(["list_name", "name", "label"], ["yes_no", "yes", "Yes"])
            .Settings(["form_id"], "xpath")
            .Convert();
        var message = ProblemAt(result, "survey", 3, column);
        Assert.Contains("not a valid XPath expression", message);
        Assert.Contains("/data/age", message);
    }

    [Fact]
    public void ODK_functions_and_extensions_of_XPath_functions_pass_the_XPath_check()
    {
        var form = new XlsForm()
            .Survey(["type", "name", "label", "relevant", "calculation", "constraint"],
                ["select_multiple fruits", "f", "Fruits", null, null, "count-selected(.) <= 2 and not(selected(., 'none') and count-selected(.) > 1)"],
                ["begin repeat", "r", "R"],
                ["calculate", "pos", null, null, "position(..)"],
                ["end repeat"],
                ["calculate", "name", null, null, "jr:choice-name(selected-at(${f}, 0), '${f}')"],
                ["calculate", "rounded", null, "string-length(${name}) > 0", "round(decimal-date-time(now()) - decimal-date-time(today()), 2)"],
                ["calculate", "joined", null, null, "concat(${name}) || ''"])
            .Choices(["list_name", "name", "label"], ["fruits", "none", "None"], ["fruits", "mango", "Mango"])
            .Settings(["form_id"], "odk_functions")
            .Convert();
        // Only the last row is refused: '||' is not XPath (everything else is ODK XPath).
        Assert.Single(form.Problems);
        Assert.Equal(("survey", 8, "calculation"), (form.Problems[0].Sheet, form.Problems[0].Row, form.Problems[0].Column));
    }

    [Fact]
    public void A_reference_to_an_unknown_name_or_an_unclosed_reference_is_refused_at_its_cell()
    {
        var result = new XlsForm()
            .Survey(["type", "name", "label", "relevant"],
                ["integer", "age", "Age"],
                ["text", "job", "Job of ${agee}", "${age} > 15"],
                ["text", "school", "School", "${age < 18"])
            .Settings(["form_id"], "refs")
            .Convert();
        Assert.Contains("no question, group or repeat is named 'agee'", ProblemAt(result, "survey", 3, "label"));
        Assert.Contains("must start with '${', give a name", ProblemAt(result, "survey", 4, "relevant"));
    }

    [Fact]
    public void Duplicate_names_in_the_same_group_are_refused_and_a_reference_to_a_name_used_twice_too()
    {
        var result = Form(
            ["text", "name", "Name"],
            ["text", "name", "Name again"],
            ["begin group", "g", "G"],
            ["text", "village", "Village"],
            ["end group"],
            ["begin group", "h", "H"],
            ["text", "village", "Village (allowed: another group)"],
            ["end group"],
            ["note", "n", "You live in ${village}"]).Convert();
        Assert.Contains("already used on row 2", ProblemAt(result, "survey", 3, "name"));
        Assert.Equal(1, result.Problems.Count(p => p.Column == "name"));
        Form(["text", "name", "Name"], ["begin group", "g", "G"], ["text", "name", "Name in a group"], ["end group"])
            .Compile();
    }

    [Fact]
    public void A_reference_to_a_name_used_in_two_groups_is_refused_as_ambiguous()
    {
        var result = Form(
            ["begin group", "g", "G"], ["text", "village", "Village"], ["end group"],
            ["begin group", "h", "H"], ["text", "village", "Village"], ["end group"],
            ["note", "n", "You live in ${village}"]).Convert();
        Assert.Contains("used on rows 3, 6", ProblemAt(result, "survey", 8, "label"));
    }

    [Fact]
    public void A_select_whose_choice_list_does_not_exist_is_refused_listing_the_lists_found()
    {
        var result = Form(["select_one yesno", "ok", "OK?"])
            .Choices(["list_name", "name", "label"], ["yes_no", "yes", "Yes"], ["yes_no", "no", "No"])
            .Convert();
        var message = ProblemAt(result, "survey", 2, "type");
        Assert.Contains("'yesno'", message);
        Assert.Contains("Lists found: 'yes_no'", message);
    }

    [Fact]
    public void A_repeat_never_closed_and_an_end_without_begin_are_refused_at_their_rows()
    {
        var result = Form(
            ["text", "a", "A"],
            ["end group"],
            ["begin repeat", "members", "Members"],
            ["text", "member", "Member"]).Convert();
        Assert.Contains("Unmatched 'end_group'", ProblemAt(result, "survey", 3, "type"));
        Assert.Contains("Unmatched 'begin_repeat': no matching 'end_repeat' was found for the name 'members'", ProblemAt(result, "survey", 4, "type"));
    }

    [Fact]
    public void Missing_names_labels_and_calculations_are_refused_and_blank_rows_keep_the_row_numbers()
    {
        var result = Form(
            ["text", null, "No name"],
            [null, null, null],
            ["integer", "no_label"],
            ["calculate", "no_calculation"],
            [null, "no_type", "No type"],
            ["start", "fine_without_label", null]).Convert();
        Assert.Contains("has no 'name'", ProblemAt(result, "survey", 2, "name"));
        Assert.Contains("'no_label' has no label", ProblemAt(result, "survey", 4, "label"));
        Assert.Contains("has no 'calculation'", ProblemAt(result, "survey", 5, "calculation"));
        Assert.Contains("has no 'type'", ProblemAt(result, "survey", 6, "type"));
        Assert.Equal(4, result.Problems.Count);
    }

    [Fact]
    public void An_empty_form_is_refused()
    {
        var result = Form(["begin group", "g", "G"], ["end group"]).Convert();
        Assert.Contains("The form is empty", ProblemAt(result, "survey", null, null));
    }

    [Fact]
    public void Duplicate_or_unnamed_choices_are_refused_on_the_choices_sheet()
    {
        var result = Form(["select_one l", "q", "Q"])
            .Choices(["list_name", "name", "label"], ["l", "a", "A"], ["l", "a", "A again"], ["l", null, "No name"], ["l", "b", null])
            .Convert();
        Assert.Contains("already used in the list 'l' (row 2)", ProblemAt(result, "choices", 3, "name"));
        Assert.Contains("has no 'name'", ProblemAt(result, "choices", 4, "name"));
        Assert.Contains("has no label", ProblemAt(result, "choices", 5, "label"));
    }

    [Fact]
    public void A_form_without_an_id_or_with_an_id_that_cannot_be_part_of_an_address_is_refused()
    {
        var noId = new XlsForm().Survey(Basic, ["text", "a", "A"]).Convert();
        Assert.Contains("no id", ProblemAt(noId, "settings", null, "form_id"));
        var badId = new XlsForm().Survey(Basic, ["text", "a", "A"]).Settings(["form_id"], "my form/2").Convert();
        Assert.Contains("'my form/2' is invalid", ProblemAt(badId, "settings", 2, "form_id"));
        // A file name gives the id when the settings do not, as pyxform does.
        var named = XlsFormConverter.Convert(new XlsForm().Survey(Basic, ["text", "a", "A"]).Stream(), "Perception survey (v2).xlsx");
        Assert.Equal("Perception_survey_v2", named.Info!.FormId);
    }

    [Fact]
    public void Every_problem_of_a_workbook_is_reported_at_once()
    {
        var result = new XlsForm()
            .Survey(["type", "name", "label", "relevant"],
                ["integr", "a", "A"],
                ["text", "b", "B"],
                ["text", "b", "B again"],
                ["select_one nowhere", "c", "C"],
                ["begin group", "g", "G"])
            .Choices(["list_name", "name", "label"], ["l", "x", "X"])
            .Settings(["form_id"], "many")
            .Convert();
        Assert.Equal([2, 4, 5, 6], result.Problems.Select(p => p.Row!.Value).Order());
    }

    [Fact]
    public void A_file_that_is_not_an_xlsx_workbook_is_refused_without_an_exception()
    {
        foreach (var bytes in new[] { "type,name,label\ntext,a,A\n"u8.ToArray(), [0x50, 0x4b, 0x03, 0x04, 1, 2, 3], ZipWithoutWorkbook() })
        {
            var result = XlsFormConverter.Convert(new MemoryStream(bytes));
            Assert.Contains("workbook", ProblemAt(result, "workbook", null, null), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void A_workbook_declaring_every_column_and_a_distant_row_is_read_within_its_bounds()
    {
        // A few hundred bytes that declare 16,384 columns, fill the last one and add a row at 1,048,576: read whole,
        // MiniExcel would take seconds per row (its time grows with the square of the columns) and synthesise a million
        // rows. Amani reads the header's columns only, and no row past 100,001: the form converts, the rest is not read.
        var workbook = new XlsForm().Survey(Basic, ["text", "a", "A"]).Settings(["form_id"], "huge").Stream();
        var patched = PatchSurvey(workbook, xml => xml
            .Replace("<x:sheetData>", "<x:dimension ref=\"A1:XFD1048576\" /><x:sheetData>")
            .Replace("</x:row></x:sheetData>", "<x:c r=\"XFD2\" t=\"str\"><x:v>far</x:v></x:c></x:row></x:sheetData>")
            .Replace("</x:sheetData>", "<x:row r=\"1048576\"><x:c r=\"A1048576\" t=\"str\"><x:v>text</x:v></x:c></x:row></x:sheetData>"));
        var result = XlsFormConverter.Convert(patched);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        Assert.Equal(["/data/a"], result.Info!.Fields.Select(f => f.Path));
    }

    [Fact]
    public void A_sheet_with_more_rows_than_a_form_can_have_is_refused()
    {
        var rows = Enumerable.Range(0, 100_000).Select(i => new object?[] { "l", $"c{i}", $"Choice {i}" }).ToArray();
        var result = Form(["select_one l", "q", "Q"]).Choices(["list_name", "name", "label"], rows).Convert();
        Assert.Contains("larger than Amani reads (100,000 rows", ProblemAt(result, "choices", 100_001, null));
    }

    [Fact]
    public void A_sheet_with_a_row_far_below_the_form_is_refused_when_the_empty_cells_between_are_too_many()
    {
        string[] wide = [.. Basic, .. Enumerable.Range(1, 17).Select(i => $"extra{i}")];
        var workbook = new XlsForm().Survey(wide, ["text", "a", "A"]).Settings(["form_id"], "far").Stream();
        var patched = PatchSurvey(workbook, xml => xml.Replace("</x:sheetData>",
            "<x:row r=\"99999\"><x:c r=\"A99999\" t=\"str\"><x:v>text</x:v></x:c></x:row></x:sheetData>"));
        var result = XlsFormConverter.Convert(patched);
        Assert.Contains("at most 1,000,000 empty cells between rows", ProblemAt(result, "survey", null, null));
    }

    /// <summary>The workbook with its first worksheet's XML (MiniExcel writes the x: prefix) changed.</summary>
    private static MemoryStream PatchSurvey(Stream workbook, Func<string, string> change)
    {
        var patched = new MemoryStream();
        workbook.CopyTo(patched);
        using (var zip = new ZipArchive(patched, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("xl/worksheets/sheet1.xml")!;
            string xml;
            using (var reader = new StreamReader(entry.Open()))
                xml = reader.ReadToEnd();
            entry.Delete();
            xml = System.Text.RegularExpressions.Regex.Replace(xml, "<x:dimension[^>]*/>", "");
            using var writer = new StreamWriter(zip.CreateEntry(entry.FullName).Open(), new UTF8Encoding(false));
            writer.Write(change(xml));
        }
        patched.Position = 0;
        return patched;
    }

    private static byte[] ZipWithoutWorkbook()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        using (var writer = new StreamWriter(zip.CreateEntry("hello.txt").Open()))
            writer.Write("not a workbook");
        return buffer.ToArray();
    }
}
