using Amani.Governance.Surveys.Forms;
using Amani.Governance.Surveys.Forms.Samples;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Forms;

/// <summary>The sample XLSForm (for the demo and other modules' tests) converts, and the committed .xlsx is the same form.</summary>
public sealed class SampleFormTests
{
    private static string SamplePath()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Amani.slnx")))
            directory = directory.Parent;
        return Path.Combine(directory?.FullName ?? throw new InvalidOperationException("Amani.slnx not found above the test output"),
            "src", "Amani", "Governance", "Surveys", "Forms", "Samples", SampleForms.CommunitySafetyFileName);
    }

    [Fact]
    public void The_sample_converts_in_English_and_French_and_the_committed_workbook_is_the_same_form()
    {
        var generated = XlsFormConverter.Convert(new MemoryStream(SampleForms.CommunitySafety()));
        Assert.True(generated.Ok, string.Join("\n", generated.Problems));
        Assert.Equal(("community_safety_sample", "2025060101", "English (en)"),
            (generated.Info!.FormId, generated.Info.Version, generated.Info.DefaultLanguage));
        Assert.Equal(["English (en)", "Français (fr)"], generated.Info.Languages);
        Assert.Contains(generated.Info.Fields, f => f is { Path: "/data/safety/safe_night", Type: "select_one", ChoiceList: "safe_scale" });

        using var committed = File.OpenRead(SamplePath());
        var fromFile = XlsFormConverter.Convert(committed);
        Assert.True(fromFile.Ok, string.Join("\n", fromFile.Problems));
        Assert.Equal(generated.XForm, fromFile.XForm);
    }
}
