using Amani.Platform.Records;

namespace Amani.Governance.Results.Assessments;

/// <summary>The assessments' services, and their record kind (<c>assessment</c>: what their recommendations' follow-ups link back to).</summary>
public static class AssessmentsSetup
{
    public static IServiceCollection AddAssessments(this IServiceCollection services) => services
        .AddScoped<AssessmentRules>().AddScoped<RecommendationRules>().AddScoped<AssessmentViews>()
        .AddSingleton(new RecordKind(RecommendationRules.RecordType, RecommendationRules.Module, (code, id) => $"/missions/{code}/results/assessments/{id}", typeof(Assessment)));
}
