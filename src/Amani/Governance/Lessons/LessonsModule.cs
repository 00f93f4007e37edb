using Amani.Foundation.Demo;
using Amani.Platform.Hosting;
using Amani.Platform.Modules;
using Amani.Platform.Records;

namespace Amani.Governance.Lessons;

/// <summary>Registers the lessons register (lessons learned and after-action reviews): see <see cref="IAmaniModule"/>.</summary>
public sealed class LessonsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services
        .AddScoped<LessonBook>()
        .AddScoped<LessonQueries>()
        .AddScoped<IDemoContribution, LessonDemo>()
        .AddSingleton(new RecordKind(Lesson.AuditEntity.Name, LessonBook.Module, (code, id) => $"/missions/{code}/lessons/{id}", typeof(Lesson)));

    public void MapApi(RouteGroupBuilder api) => api.MapLessonsApi();
}
