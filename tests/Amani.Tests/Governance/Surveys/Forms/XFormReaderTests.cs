using System.Text;
using System.Xml.Linq;
using Amani.Governance.Surveys.Forms;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Forms;

/// <summary>
/// An uploaded XForm: the XForm the converter produced, read back, gives the same form info; other XForms are read
/// with their fields; malformed or unsafe XML and odd structures are refused with the line.
/// </summary>
public sealed class XFormReaderTests
{
    private static FormCompilation Read(string xml) => XFormReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(xml)));

    /// <summary>The form info as one comparable text (dictionaries in key order).</summary>
    internal static string Canonical(FormInfo info)
    {
        static string Labels(IReadOnlyDictionary<string, string> labels) =>
            string.Join(";", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
        var text = new StringBuilder()
            .AppendLine($"{info.FormId}|{info.Version}|{info.Title}|{info.DefaultLanguage}|{string.Join(",", info.Languages)}")
            .AppendLine("media: " + string.Join(",", info.MediaFiles));
        foreach (var field in info.Fields)
        {
            text.AppendLine($"{field.Path}|{field.Name}|{field.Type}|{field.InRepeat}|{field.ChoiceList}|{Labels(field.Labels)}");
            foreach (var choice in field.Choices)
                text.AppendLine($"  {choice.Name}|{Labels(choice.Labels)}");
        }
        return text.ToString();
    }

    [Fact]
    public void The_XForm_the_converter_produced_read_back_gives_the_same_form_info_and_document()
    {
        foreach (var xlsForm in new[] { XlsFormConverterTests.PerceptionSurvey(), MultilingualFormTests.Form(), PlainForm() })
        {
            var converted = xlsForm.Compile();
            var read = XFormReader.Read(new MemoryStream(Encoding.UTF8.GetBytes(converted.XForm)));
            Assert.True(read.Ok, string.Join("\n", read.Problems));
            Assert.Equal(Canonical(converted.Info), Canonical(read.Info!));
            Assert.True(XNode.DeepEquals(XDocument.Parse(converted.XForm), XDocument.Parse(read.XForm!)));
        }
    }

    private static XlsForm PlainForm() => new XlsForm()
        .Survey(["type", "name", "label", "image"],
            ["select_one l", "s", "Pick ${t}", "pick.png"],
            ["text", "t", "Text"],
            ["hidden", "h"],
            ["acknowledge", "ack", "I confirm"],
            ["audio", "voice", "Record"],
            ["end", "ended"])
        .Choices(["list_name", "name", "label", "image"], ["l", "a", "A", "a.png"], ["l", "b", "B"])
        .Settings(["form_id", "version"], "plain_with_media", "7");

    [Fact]
    public void An_XForm_written_by_hand_is_read_with_its_fields_types_labels_and_inline_choices()
    {
        const string xml = """
            <?xml version="1.0"?>
            <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml"
                    xmlns:jr="http://openrosa.org/javarosa" xmlns:orx="http://openrosa.org/xforms">
              <h:head>
                <h:title>Market prices</h:title>
                <model>
                  <itext>
                    <translation lang="fr" default="true()">
                      <text id="price"><value>Prix du <output value="../item"/></value></text>
                      <text id="big"><value>Grand</value></text>
                    </translation>
                    <translation lang="sg">
                      <text id="price"><value>Ngere ti <output value="../item"/></value></text>
                      <text id="big"><value>Kota</value><value form="image">jr://images/big.jpg</value></text>
                    </translation>
                  </itext>
                  <instance>
                    <prices id="market_prices">
                      <market><item/><price/><size/></market>
                      <orx:meta><orx:instanceID/></orx:meta>
                    </prices>
                  </instance>
                  <instance id="towns" src="jr://file-csv/towns.csv"/>
                  <bind nodeset="/prices/market/price" type="xsd:decimal" required="true()" constraint=". &gt; 0"/>
                  <bind nodeset="/prices/orx:meta/orx:instanceID" type="string" readonly="true()" calculate="concat('uuid:', uuid())"/>
                </model>
              </h:head>
              <h:body>
                <group ref="/prices/market">
                  <input ref="item"><label>Item</label></input>
                  <input ref="price"><label ref="jr:itext('price')"/></input>
                  <select1 ref="size">
                    <label>Size</label>
                    <item><label ref="jr:itext('big')"/><value>big</value></item>
                    <item><label>Small</label><value>small</value></item>
                  </select1>
                </group>
              </h:body>
            </h:html>
            """;
        var result = Read(xml);
        Assert.True(result.Ok, string.Join("\n", result.Problems));
        var info = result.Info!;
        Assert.Equal(("market_prices", "", "Market prices", "fr"), (info.FormId, info.Version, info.Title, info.DefaultLanguage));
        Assert.Equal(["fr", "sg"], info.Languages);
        Assert.Equal(["big.jpg", "towns.csv"], info.MediaFiles);
        Assert.Equal(["/prices/market/item", "/prices/market/price", "/prices/market/size"], info.Fields.Select(f => f.Path));
        Assert.Equal(["text", "decimal", "select_one"], info.Fields.Select(f => f.Type));
        Assert.Equal("Ngere ti ${item}", info.Fields[1].Labels["sg"]);
        Assert.Equal("Item", info.Fields[0].Labels["default"]);
        var size = info.Fields[2];
        Assert.Null(size.ChoiceList);
        Assert.Equal(["big", "small"], size.Choices.Select(c => c.Name));
        Assert.Equal("Kota", size.Choices[0].Labels["sg"]);
        Assert.Equal("Small", size.Choices[1].Labels["default"]);
    }

    [Fact]
    public void Malformed_XML_is_refused_with_its_line()
    {
        var result = Read("<?xml version=\"1.0\"?>\n<h:html xmlns:h=\"http://www.w3.org/1999/xhtml\">\n  <h:head>\n  </h:body>\n</h:html>");
        var problem = Assert.Single(result.Problems);
        Assert.Equal(("xml", 4), (problem.Sheet, problem.Row));
        Assert.Contains("not well-formed", problem.Message);
        Assert.Null(result.XForm);
    }

    [Fact]
    public void A_DOCTYPE_is_refused_and_no_entity_is_ever_resolved()
    {
        var secret = Path.GetTempFileName();
        File.WriteAllText(secret, "the-secret-content-of-a-server-file");
        try
        {
            var external = $"""
                <?xml version="1.0"?>
                <!DOCTYPE h:html [ <!ENTITY leak SYSTEM "file://{secret}"> ]>
                <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
                  <h:head><h:title>&leak;</h:title></h:head><h:body/>
                </h:html>
                """;
            var laughs = """
                <?xml version="1.0"?>
                <!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> ]>
                <lolz>&lol2;</lolz>
                """;
            foreach (var xml in new[] { external, laughs })
            {
                var result = Read(xml);
                var problem = Assert.Single(result.Problems);
                Assert.Equal(("xml", 2), (problem.Sheet, problem.Row));
                Assert.Contains("DOCTYPE", problem.Message);
                Assert.DoesNotContain("the-secret-content", problem.Message);
                Assert.Null(result.Info);
            }
        }
        finally
        {
            File.Delete(secret);
        }
    }

    [Fact]
    public void An_XForm_without_instance_id_or_instanceID_or_with_binds_and_controls_to_nowhere_is_refused_with_the_lines()
    {
        const string xml = """
            <h:html xmlns="http://www.w3.org/2002/xforms" xmlns:h="http://www.w3.org/1999/xhtml">
              <h:head>
                <h:title>Odd</h:title>
                <model>
                  <instance>
                    <data>
                      <q/>
                    </data>
                  </instance>
                  <bind nodeset="/data/q" type="string" relevant=". = = 1"/>
                  <bind nodeset="/data/missing" type="string"/>
                </model>
              </h:head>
              <h:body>
                <input ref="/data/q"><label>Q</label></input>
                <input ref="/data/elsewhere"><label>E</label></input>
                <select1 ref="/data/q"><label>S</label><itemset nodeset="instance('nowhere')/root/item"><value ref="name"/><label ref="label"/></itemset></select1>
              </h:body>
            </h:html>
            """;
        var problems = Read(xml).Problems;
        Assert.Contains(problems, p => p.Row == 6 && p.Message.Contains("no id attribute"));
        Assert.Contains(problems, p => p.Row == 6 && p.Message.Contains("meta/instanceID"));
        Assert.Contains(problems, p => p.Row == 10 && p.Message.Contains("relevant") && p.Message.Contains("not valid XPath"));
        Assert.Contains(problems, p => p.Row == 11 && p.Message.Contains("'/data/missing' is not a node"));
        Assert.Contains(problems, p => p.Row == 16 && p.Message.Contains("'/data/elsewhere'"));
        Assert.All(problems, p => Assert.Equal("xml", p.Sheet));
    }

    [Fact]
    public void A_document_that_is_not_an_XForm_is_refused()
    {
        Assert.Contains("not an ODK XForm", Assert.Single(Read("<form><q/></form>").Problems).Message);
        var noModel = Read("""<h:html xmlns:h="http://www.w3.org/1999/xhtml"><h:head><h:title>T</h:title></h:head><h:body/></h:html>""");
        Assert.Contains(noModel.Problems, p => p.Message.Contains("no <model>"));
    }
}
