using System.Text.Json;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Records;
using Amani.Foundation.Areas.Geo;
using Amani.Foundation.Missions;
using Microsoft.EntityFrameworkCore;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;

namespace Amani.Foundation.Areas;

/// <summary>
/// Imports one level of admin boundaries from a GeoJSON FeatureCollection into a mission: new P-codes are inserted,
/// known ones get their name, boundary and parent updated, and nothing is duplicated, so re-importing a file is safe.
/// Each area's parent is found one level up, by the parent P-code property, else by containment of the area's interior
/// point, else by the parent's name, else as the only area one level up. The whole import is one save — one transaction
/// with one audit row that summarises it; a refused file writes nothing.
/// </summary>
public sealed class AreaImporter(AmaniDbContext db, AreaRules rules, AuditLog audit, AreaResolver resolver)
{
    private sealed record Candidate(AdminArea Area, Geometry? Shape, HashSet<string> Names);

    public async Task<Outcome<AreaImportSummary>> ImportAsync(Mission mission, Stream file, AreaImportOptions options, CancellationToken cancellationToken)
    {
        if (options.Level is < 0 or > AreaLimits.MaxLevel)
            return Refusal.Invalid("level", $"The level must be between 0 (country) and {AreaLimits.MaxLevel}.");
        var parsed = await AreaFeatures.ParseAsync(file, cancellationToken);
        if (parsed.Refusal is { } refused)
            return refused;
        using var document = parsed.Value!;
        if (AreaFeatures.TooDetailed(document, options) is { } tooDetailed)
            return tooDetailed;

        var existing = await db.AdminAreas.Where(a => a.MissionId == mission.Id && a.Level >= options.Level - 1 && a.Level <= options.Level)
            .ToDictionaryAsync(a => a.PCode, StringComparer.Ordinal, cancellationToken);
        var codesElsewhere = (await db.AdminAreas.Where(a => a.MissionId == mission.Id && (a.Level < options.Level - 1 || a.Level > options.Level))
            .Select(a => new { a.PCode, a.Level }).ToListAsync(cancellationToken)).ToDictionary(a => a.PCode, a => a.Level, StringComparer.Ordinal);
        var parents = Parents(existing.Values.Where(a => a.Level == options.Level - 1));

        var (inserted, updated, unchanged, read) = (0, 0, 0, 0);
        var issues = new List<AreaImportIssue>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var feature in AreaFeatures.Read(document, options))
        {
            read++;
            var error = feature.Error ?? Duplicate(feature, seen) ?? WrongLevel(feature.PCode!, options.Level, existing, codesElsewhere);
            var parent = error is null ? FindParent(feature, options.Level, parents, out error) : null;
            if (error is not null)
            {
                issues.Add(new AreaImportIssue(feature.Index, feature.PCode, AreaImportIssue.Rejected, error));
                continue;
            }
            var boundary = feature.Boundary;
            if (boundary.Repair is not null)
                issues.Add(new AreaImportIssue(feature.Index, feature.PCode, AreaImportIssue.Repaired, boundary.Repair + "; imported."));
            var label = GeoJsonGeometry.LabelPoint(boundary.Shape!);
            if (existing.TryGetValue(feature.PCode!, out var area))
            {
                if (await rules.ReviseAsync(area, feature.Name!, parent, boundary.Json, label, feature.AlternativeNames, cancellationToken))
                    updated++;
                else
                    unchanged++;
            }
            else
            {
                existing[feature.PCode!] = rules.Place(mission, options.Level, feature.PCode!, feature.Name!, parent, boundary.Json, label, feature.AlternativeNames);
                inserted++;
            }
        }

        var rejected = issues.Count(i => i.Outcome == AreaImportIssue.Rejected);
        var summary = new AreaImportSummary(mission.Code, options.Level, read, inserted, updated, unchanged, rejected,
            issues.Count(i => i.Outcome == AreaImportIssue.Repaired), issues);
        audit.Record(AuditAction.AreasImported, Mission.AuditEntity, mission.Id,
            $"Boundaries imported into {mission.Code} at level {options.Level}{(options.FileName is { } name ? $" from {Shorten(name)}" : "")}: " +
            $"read {read}, inserted {inserted}, updated {updated}, unchanged {unchanged}, rejected {rejected}, repaired {summary.Repaired}.");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (DatabaseErrors.IsUniqueViolation(ex))
        {
            return Refusal.Invalid("file", "Another import added some of these P-codes at the same time. Nothing was written; run the import again.");
        }
        resolver.Forget(mission.Id);
        // The served boundary layers follow by themselves: their cache key is the mission's areas' revisions (BoundaryLayers).
        return Outcome<AreaImportSummary>.Ok(summary);
    }

    private static string? Duplicate(AreaFeature feature, Dictionary<string, int> seen)
    {
        if (seen.TryGetValue(feature.PCode!, out var first))
            return $"its P-code {feature.PCode} is already used by features[{first}] of this file.";
        seen[feature.PCode!] = feature.Index;
        return null;
    }

    private static string? WrongLevel(string pCode, int level, Dictionary<string, AdminArea> existing, Dictionary<string, int> elsewhere)
    {
        var other = existing.TryGetValue(pCode, out var area) && area.Level != level ? area.Level : elsewhere.TryGetValue(pCode, out var l) ? l : (int?)null;
        return other is null ? null : $"the P-code {pCode} is already an area at level {other}, not {level}.";
    }

    private static (STRtree<Candidate> Index, List<Candidate> All) Parents(IEnumerable<AdminArea> areas)
    {
        var index = new STRtree<Candidate>();
        var all = new List<Candidate>();
        foreach (var area in areas)
        {
            Geometry? shape = null;
            if (area.GeometryGeoJson is not null)
            {
                using var json = JsonDocument.Parse(area.GeometryGeoJson);
                shape = BoundaryGeometry.Read(json.RootElement).Shape;
            }
            var names = new[] { area.Name }.Concat(area.AlternativeNames?.Split('|') ?? []).Select(AreaResolver.NormalizeName).ToHashSet();
            var candidate = new Candidate(area, shape, names);
            all.Add(candidate);
            if (shape is not null)
                index.Insert(shape.EnvelopeInternal, candidate);
        }
        index.Build();
        return (index, all);
    }

    private static AdminArea? FindParent(AreaFeature feature, int level, (STRtree<Candidate> Index, List<Candidate> All) parents, out string? error)
    {
        error = null;
        if (level == 0 || parents.All.Count == 0)
            return null; // nothing one level up (yet): the areas are imported without a parent
        if (feature.ParentPCode is { } code)
        {
            var byCode = parents.All.FirstOrDefault(c => c.Area.PCode == code);
            if (byCode is null)
                error = $"its parent P-code {code} is not an area at level {level - 1} of the mission.";
            return byCode?.Area;
        }
        var inside = feature.Boundary.Shape!.InteriorPoint;
        var containing = parents.Index.Query(inside.EnvelopeInternal).Where(c => c.Shape!.Covers(inside)).ToList();
        if (containing.Count > 0) // overlapping parents (imprecise borders): the one holding most of the area
            return (containing.Count == 1 ? containing[0] : containing.MaxBy(c => c.Shape!.Intersection(feature.Boundary.Shape).Area)!).Area;
        if (feature.ParentName is { } parentName && parents.All.Where(c => c.Names.Contains(AreaResolver.NormalizeName(parentName))).ToList() is [var named])
            return named.Area;
        if (parents.All is [var only])
            return only.Area;
        error = $"no area at level {level - 1} contains its interior point ({inside.Y:0.####}, {inside.X:0.####})" +
                (feature.ParentName is null ? "" : $" or is named '{feature.ParentName}'") + "; import the parent level first, or name the parent P-code property.";
        return null;
    }

    private static string Shorten(string fileName)
    {
        var name = Path.GetFileName(fileName);
        return name.Length <= 100 ? name : name[..100] + "…";
    }
}
