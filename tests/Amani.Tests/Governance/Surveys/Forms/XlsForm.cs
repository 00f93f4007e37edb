using System.Xml;
using System.Xml.XPath;
using Amani.Governance.Surveys.Forms;
using MiniExcelLibs;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Forms;

/// <summary>
/// Builds an XLSForm workbook in a test, with MiniExcel (the library the converter reads with): each sheet as a header
/// row and rows of cells, in the order written. A row of nulls is written as an empty row, so row numbers are as a
/// spreadsheet shows them (the header is row 1).
/// </summary>
internal sealed class XlsForm
{
    private readonly Dictionary<string, object> sheets = new();

    public XlsForm Sheet(string name, string[] header, params object?[][] rows)
    {
        sheets[name] = rows.Select(row => header.Select((h, i) => (h, Value: i < row.Length ? row[i] : null))
            .ToDictionary(c => c.h, c => c.Value)).ToList();
        return this;
    }

    public XlsForm Survey(string[] header, params object?[][] rows) => Sheet("survey", header, rows);

    public XlsForm Choices(string[] header, params object?[][] rows) => Sheet("choices", header, rows);

    public XlsForm Settings(string[] header, params object?[] row) => Sheet("settings", header, row);

    public MemoryStream Stream()
    {
        var buffer = new MemoryStream();
        buffer.SaveAs(sheets);
        buffer.Position = 0;
        return buffer;
    }

    public FormCompilation Convert() => XlsFormConverter.Convert(Stream());

    /// <summary>Converts and fails the test, listing the problems, unless the form compiled.</summary>
    public Compiled Compile()
    {
        var result = Convert();
        Assert.True(result.Ok, "problems: " + string.Join("\n", result.Problems));
        return new Compiled(result.XForm!, result.Info!);
    }
}

/// <summary>A compiled XForm to query with XPath (prefixes h, x for XForms, jr, odk).</summary>
internal sealed class Compiled(string xform, FormInfo info)
{
    private readonly XPathNavigator navigator = new XPathDocument(new StringReader(xform)).CreateNavigator();
    private readonly XmlNamespaceManager namespaces = Namespaces();

    public string XForm { get; } = xform;
    public FormInfo Info { get; } = info;

    public static XmlNamespaceManager Namespaces()
    {
        var manager = new XmlNamespaceManager(new NameTable());
        manager.AddNamespace("h", "http://www.w3.org/1999/xhtml");
        manager.AddNamespace("x", "http://www.w3.org/2002/xforms");
        manager.AddNamespace("jr", "http://openrosa.org/javarosa");
        manager.AddNamespace("odk", "http://www.opendatakit.org/xforms");
        return manager;
    }

    /// <summary>Asserts the XPath selects at least one node (or, for a boolean expression, is true).</summary>
    public void Has(string xpath)
    {
        var result = navigator.Evaluate(xpath, namespaces);
        var found = result switch
        {
            bool b => b,
            XPathNodeIterator nodes => nodes.Count > 0,
            _ => throw new ArgumentException($"{xpath} is neither a node-set nor a boolean"),
        };
        Assert.True(found, $"Not found in the XForm: {xpath}\n{XForm}");
    }

    public void HasNot(string xpath) =>
        Assert.False(navigator.Select(xpath, namespaces).Count > 0, $"Found in the XForm, unexpectedly: {xpath}");

    public int Count(string xpath) => navigator.Select(xpath, namespaces).Count;

    public string? Value(string xpath) =>
        navigator.SelectSingleNode(xpath, namespaces)?.Value;

    public FormField Field(string path) => Info.Fields.Single(f => f.Path == path);
}
