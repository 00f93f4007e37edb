using System.Security.Cryptography;
using System.Text;
using Amani.Governance.Surveys;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Amani.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Amani.Tests.Governance.Surveys.Submissions;

/// <summary>For the page access matrix: the household form in the test mission (imported once) and a submission of it.</summary>
public static class SubmissionPageData
{
    public static Task<string> PathAsync(TestApp app, bool one) => app.WithScopeAsync(async services =>
    {
        var mission = (await services.GetRequiredService<IMissionDirectory>().FindAsync(TestMission.Code, CancellationToken.None))!;
        var imported = await services.GetRequiredService<FormImports>().ImportAsync(mission, null, "household.xml",
            new MemoryStream(Encoding.UTF8.GetBytes(SurveyWorld.XForm())), null, CancellationToken.None);
        Assert.True(imported.Value is not null, string.Join("; ", imported.Problems?.Select(p => p.Message) ?? [imported.Refusal?.Message ?? ""]));
        var list = $"/missions/{TestMission.Code}/surveys/forms/{SurveyWorld.FormId}/submissions";
        if (!one)
            return list;
        var db = services.GetRequiredService<AmaniDbContext>();
        var version = await db.Set<FormVersion>().FirstAsync(v => v.FormId == imported.Value!.FormId);
        var instanceId = SurveyWorld.NewInstanceId();
        var xml = SurveyWorld.Instance(instanceId);
        var now = DateTime.UtcNow;
        var submission = db.Set<Submission>().Add(new Submission
        {
            MissionId = mission.Id, FormId = imported.Value!.FormId, VersionId = version.Id, InstanceId = instanceId, Xml = xml,
            XmlHash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(xml))), Complete = true, ReceivedAt = now, UpdatedAt = now,
        }).Entity;
        services.GetRequiredService<AuditLog>().Record(AuditAction.SubmissionReceived, Submission.AuditEntity, submission.Id, "Submission stored for the page matrix.");
        await db.SaveChangesAsync();
        return $"{list}/{Uri.EscapeDataString(instanceId)}";
    });
}
