using System.Text.RegularExpressions;
using Amani.Foundation.Missions;
using Amani.Platform.Access;
using Amani.Platform.Audit;
using Amani.Platform.Data;
using Amani.Platform.Measures;
using Amani.Platform.Problems;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Amani.Governance.Results;

/// <summary>
/// The category lists a mission splits values by: the built-in <c>sex</c> and <c>age</c>, and its own (displacement
/// status, disability, community…), created or replaced by a planning officer. A list an indicator uses may gain
/// options but not lose them (stored values name them).
/// </summary>
public static partial class CategoryListsApi
{
    public sealed record CategoryListView(string Code, string Name, bool BuiltIn, IReadOnlyDictionary<string, string> Options);

    [GeneratedRegex("^[a-z][a-z0-9-]{0,39}$")]
    private static partial Regex ListCode();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9+._-]{0,39}$")]
    private static partial Regex OptionCode();

    public const int MaxOptions = 50;

    public static RouteGroupBuilder MapCategoryListsApi(this RouteGroupBuilder api)
    {
        var lists = api.MapGroup("/missions/{code}/category-lists").WithTags("Results");
        lists.MapGet("/", List).WithName("ListCategoryLists").RequirePermission(Permission.ResultsRead);
        lists.MapPut("/{list}", Save).WithName("SaveCategoryList").RequirePermission(Permission.ResultsManage);
        return api;
    }

    private static async Task<Results<Ok<IReadOnlyList<CategoryListView>>, ProblemHttpResult>> List(string code, AmaniDbContext db, AccessContext access,
        CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsRead, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        var all = await CategoryLists.OfMissionAsync(db, mission.Id, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<CategoryListView>>(all.Values.Select(l => new CategoryListView(l.Code, l.Name,
            Disaggregation.BuiltIn.Any(b => b.Code == l.Code), l.Options)).ToList());
    }

    private static async Task<Results<Ok<CategoryListView>, ProblemHttpResult, ValidationProblem>> Save(string code, string list, CategoryListInput input,
        AmaniDbContext db, AccessContext access, AuditLog audit, IEnumerable<IMeasureSource> sources, CancellationToken cancellationToken)
    {
        if (await MissionLookup.FindVisibleAsync(db, access, code, Permission.ResultsManage, cancellationToken) is not { } mission)
            return Problem.NotFound($"The mission '{code}'");
        if (!ListCode().IsMatch(list))
            return Problem.Invalid("code", "A list's code is 1 to 40 lower-case letters, digits or '-', starting with a letter (\"displacement\").");
        if (Disaggregation.BuiltIn.Any(b => b.Code == list) || sources.SelectMany(s => s.Measures).Any(m => m.Group == list))
            return Problem.Invalid("code", $"'{list}' is built in (sex, age) or a measure's group: choose another code.");
        if (string.IsNullOrWhiteSpace(input.Name) || input.Name.Length > ResultsLimits.Name)
            return Problem.Invalid("name", $"Give the list's name, at most {ResultsLimits.Name} characters.");
        var options = input.Options ?? new Dictionary<string, string>();
        if (options.Count is 0 or > MaxOptions)
            return Problem.Invalid("options", $"Give 1 to {MaxOptions} options, code → label.");
        foreach (var (option, label) in options)
            if (!OptionCode().IsMatch(option))
                return Problem.Invalid($"options.{option}", "An option's code is 1 to 40 letters, digits, '+', '.', '_' or '-'.");
            else if (string.IsNullOrWhiteSpace(label) || label.Length > 100 || label.Contains('|') || label.Contains('='))
                return Problem.Invalid($"options.{option}", "An option's label is 1 to 100 characters, without '|' or '='.");
        var stored = await db.Set<CategoryList>().FirstOrDefaultAsync(l => l.MissionId == mission.Id && l.Code == list, cancellationToken);
        if (stored is not null)
        {
            var removed = Disaggregation.ParseOptions(stored.Options).Keys.Except(options.Keys).ToList();
            var users = await db.Set<Indicator>().Where(i => i.MissionId == mission.Id).Select(i => new { i.Code, i.Disaggregations }).ToListAsync(cancellationToken);
            var splitting = users.Where(i => CategoryLists.Codes(i.Disaggregations).Contains(list)).Select(i => i.Code).ToList();
            if (removed.Count > 0 && splitting.Count > 0)
                return Problem.Conflict($"{string.Join(", ", splitting)} split by '{list}': its options can be added to, not removed ({string.Join(", ", removed)}).");
        }
        var text = string.Join("|", options.Select(o => $"{o.Key}={o.Value.Trim()}"));
        if (text.Length > ResultsLimits.Text)
            return Problem.Invalid("options", "The options are too long together: shorten the labels.");
        if (stored is null)
            db.Add(stored = new CategoryList { MissionId = mission.Id, Code = list, Name = input.Name.Trim(), Options = text });
        else
            (stored.Name, stored.Options) = (input.Name.Trim(), text);
        audit.Record(AuditAction.CategoryListSaved, CategoryList.AuditEntity, stored.Id, $"Category list {list} of {mission.Code} saved: {options.Count} option(s).");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new CategoryListView(list, stored.Name, false, Disaggregation.ParseOptions(stored.Options)));
    }
}
