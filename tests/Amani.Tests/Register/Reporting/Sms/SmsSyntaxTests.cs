using Amani.Register.Reporting.Sms;
using Xunit;

namespace Amani.Tests.Register.Reporting.Sms;

public sealed class SmsSyntaxTests
{
    private const string Code = "7K3M-9QXA-2BCD";
    private const string Normalized = "7K3M9QXA2BCD";

    [Theory]
    [InlineData("Armed men took the cattle near Bossembélé", "Armed men took the cattle near Bossembélé")]
    [InlineData("  Shots   heard\nat night  ", "Shots heard at night")]
    [InlineData("Soldiers at the market", "Soldiers at the market")]
    [InlineData("Statement: soldiers at the market", "Statement: soldiers at the market")]
    public void Free_text_is_a_report(string text, string description)
    {
        var report = Assert.IsType<SmsCommand.Report>(SmsSyntax.Parse(text));
        Assert.Equal(description, report.Description);
        Assert.Null(report.PlaceName);
        Assert.Null(report.AreaPCode);
    }

    [Fact]
    public void A_first_word_that_reads_as_a_code_is_only_a_tentative_addition()
    {
        // "Intimidation" is 12 letters of the code alphabet (I→1, O→0): the inbox adds it to a report only if that code exists.
        var add = Assert.IsType<SmsCommand.AddInfo>(SmsSyntax.Parse("Intimidation des commerçants"));
        Assert.False(add.Explicit);
    }

    [Theory]
    [InlineData("R Bossembele: armed men at the market", "Bossembele", null, "armed men at the market")]
    [InlineData("r   bossembele :   armed men", "bossembele", null, "armed men")]
    [InlineData("RAPPORT Yaloké: des hommes armés", "Yaloké", null, "des hommes armés")]
    [InlineData("R CF.AA: roadblock", null, "CF.AA", "roadblock")]
    [InlineData("rapport CF1111: barrage", null, "CF1111", "barrage")]
    [InlineData("R lieu=Boali pcode=CF.AA lang=fr des tirs", "Boali", "CF.AA", "des tirs")]
    [InlineData("R place=\"Pont_de_Boali\" shots", "Pont de Boali", null, "shots")]
    [InlineData("R shots near the river", null, null, "shots near the river")]
    public void The_structured_form_fills_place_and_area(string text, string? place, string? pcode, string description)
    {
        var report = Assert.IsType<SmsCommand.Report>(SmsSyntax.Parse(text));
        Assert.Equal(place, report.PlaceName);
        Assert.Equal(pcode, report.AreaPCode);
        Assert.Equal(description, report.Description);
    }

    [Fact]
    public void Fields_set_mission_and_language()
    {
        var report = Assert.IsType<SmsCommand.Report>(SmsSyntax.Parse("R mission=alpha langue=fr Boali: pillage"));
        Assert.Equal("alpha", report.MissionCode);
        Assert.Equal("fr", report.Language);
        Assert.Equal("Boali", report.PlaceName);
        Assert.Equal("pillage", report.Description);
    }

    [Theory]
    [InlineData("S " + Code)]
    [InlineData("s 7k3m9qxa2bcd")]
    [InlineData("STATUT 7K3M 9QXA 2BCD")]
    [InlineData("status: 7k3m-9qxa-2bcd")]
    [InlineData("Suivi 7K3M-9QXA-2BCD")]
    public void S_asks_for_the_status(string text) =>
        Assert.Equal(Normalized, Assert.IsType<SmsCommand.Status>(SmsSyntax.Parse(text)).TrackingCode);

    [Theory]
    [InlineData("M " + Code + " they came back at night", true)]
    [InlineData("msg 7k3m9qxa2bcd: they came back at night", true)]
    [InlineData("INFO 7K3M 9QXA 2BCD they came back at night", true)]
    [InlineData(Code + " they came back at night", false)]
    [InlineData("7k3m9qxa2bcd - they came back at night", false)]
    public void M_or_a_leading_code_adds_information(string text, bool isExplicit)
    {
        var add = Assert.IsType<SmsCommand.AddInfo>(SmsSyntax.Parse(text));
        Assert.Equal(Normalized, add.TrackingCode);
        Assert.Equal("they came back at night", add.Text);
        Assert.Equal(isExplicit, add.Explicit);
    }

    [Theory]
    [InlineData("S")]
    [InlineData("S not-a-code")]
    [InlineData("M " + Code)]
    [InlineData("M hello there")]
    [InlineData("R")]
    public void A_keyword_without_what_it_needs_gets_help(string text) => Assert.IsType<SmsCommand.Help>(SmsSyntax.Parse(text));

    [Theory]
    [InlineData("STATUT " + Code, "fr")]
    [InlineData("rapport Boali: tirs", "fr")]
    [InlineData("S " + Code, null)]
    [InlineData("shots at night", null)]
    public void French_keywords_choose_french_replies(string text, string? language) => Assert.Equal(language, SmsSyntax.LanguageOf(text));

    [Theory]
    [InlineData("CF.AA", true)]
    [InlineData("CD7101", true)]
    [InlineData("Bossembele", false)]
    [InlineData("Pont de Boali", false)]
    public void P_codes_are_told_from_place_names(string text, bool pcode) => Assert.Equal(pcode, SmsSyntax.LooksLikePCode(text));
}
