using System.Runtime.CompilerServices;
using System.Text.Json;
using Amani.Foundation.Areas;
using Amani.Foundation.Areas.Geo;
using Amani.Governance.Surveys.Forms;
using Amani.Platform.Data;
using Amani.Platform.Directories;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Surveys.Submissions;

/// <summary>
/// Reads a form's submissions for the table, the exports and the map: the layout of its versions, the submissions in
/// received order by batches of <see cref="Batch"/> (keyset paging: memory stays flat however many there are), who sent
/// each (the app user's name, or the user's display name), and the admin areas of a point — resolved at read time with
/// the mission's boundaries (<see cref="AreaResolver"/>), so that boundaries imported later apply to earlier submissions.
/// </summary>
public sealed class SubmissionRows(AmaniDbContext db, AreaResolver resolver, IPeopleDirectory people)
{
    public const int Batch = 500;

    public async Task<SubmissionLayout> LayoutAsync(SurveyForm form, bool forPartners, bool splitChoices, CancellationToken cancellationToken)
    {
        var versions = await db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == form.Id).OrderByDescending(v => v.CreatedAt).ThenByDescending(v => v.Id)
            .Select(v => new { v.InfoJson, v.XForm, v.BinaryPaths }).ToListAsync(cancellationToken);
        return SubmissionLayout.Build(versions.Select(v => new SubmissionLayout.VersionShape(JsonSerializer.Deserialize<FormInfo>(v.InfoJson)!, v.XForm,
            v.BinaryPaths.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))).ToList(), forPartners, splitChoices);
    }

    /// <summary>The admin-1 and admin-2 areas of a point in the mission's boundaries.</summary>
    public async Task<PointAreas> AreasAsync(Guid missionId, CancellationToken cancellationToken)
    {
        var index = await resolver.LoadAsync(missionId, cancellationToken);
        var areas = await db.AdminAreas.AsNoTracking().Where(a => a.MissionId == missionId)
            .Select(a => new { a.Id, a.Level, a.PCode, a.Name, a.Path }).ToListAsync(cancellationToken);
        var byPCode = areas.GroupBy(a => a.PCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        // Each area's admin-1 and admin-2 ancestors (itself included), from its path of P-codes, worked out once.
        var names = areas.ToDictionary(a => a.Id, a =>
        {
            var ancestors = a.Path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(code => byPCode.GetValueOrDefault(code)).ToList();
            var adm1 = ancestors.FirstOrDefault(x => x?.Level == 1);
            var adm2 = ancestors.FirstOrDefault(x => x?.Level == 2);
            return (adm1?.PCode, adm2?.PCode, adm2?.Name);
        });
        return (lat, lon) => index.Resolve(lat, lon, null) is { } id && names.TryGetValue(id, out var found) ? found : (null, null, null);
    }

    /// <summary>The submissions after <paramref name="after"/> (received order), at most <paramref name="limit"/> (null: all).</summary>
    public async IAsyncEnumerable<SubmissionRecord> ReadAsync(SurveyForm form, (DateTime At, Guid Id)? after, int? limit,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var versions = await db.Set<FormVersion>().AsNoTracking().Where(v => v.FormId == form.Id).ToDictionaryAsync(v => v.Id, v => v.Version, cancellationToken);
        var appUsers = await db.Set<AppUser>().AsNoTracking().Where(u => u.MissionId == form.MissionId).ToDictionaryAsync(u => u.Id, u => u.Name, cancellationToken);
        var left = limit ?? int.MaxValue;
        while (left > 0)
        {
            var query = db.Set<Submission>().AsNoTracking().Where(s => s.FormId == form.Id);
            if (after is var (at, id))
                query = query.Where(s => s.ReceivedAt > at || (s.ReceivedAt == at && s.Id.CompareTo(id) > 0));
            var rows = await query.OrderBy(s => s.ReceivedAt).ThenBy(s => s.Id).Take(Math.Min(Batch, left))
                .Select(s => new { s.Id, s.InstanceId, s.ReceivedAt, s.AppUserId, s.UserId, s.ReviewState, s.VersionId, s.Xml }).ToListAsync(cancellationToken);
            if (rows.Count == 0)
                yield break;
            var users = await people.FindAsync(rows.Select(r => r.UserId).OfType<Guid>().Distinct(), cancellationToken);
            foreach (var r in rows)
            {
                var submitter = r.AppUserId is { } appUser ? appUsers.GetValueOrDefault(appUser, appUser.ToString())
                    : r.UserId is { } user ? users.TryGetValue(user, out var person) ? person.DisplayName : user.ToString() : "";
                yield return new SubmissionRecord(r.Id, r.InstanceId, r.ReceivedAt, submitter, r.ReviewState, versions.GetValueOrDefault(r.VersionId, ""), r.Xml);
            }
            left -= rows.Count;
            after = (rows[^1].ReceivedAt, rows[^1].Id);
            if (rows.Count < Batch)
                yield break;
        }
    }

    public static string AttachmentBase(string missionCode, SurveyForm form) =>
        $"/api/v1/missions/{missionCode}/forms/{Uri.EscapeDataString(form.XmlFormId)}/submissions";
}
