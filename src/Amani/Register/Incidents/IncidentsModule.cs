using Amani.Platform.Cli;
using Amani.Platform.Hosting;
using Amani.Platform.Live;
using Amani.Platform.Modules;

namespace Amani.Register.Incidents;

/// <summary>Registers the Incidents module: see <see cref="IAmaniModule"/>.</summary>
public sealed class IncidentsModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddIncidents().AddSingleton<LiveTopic, IncidentLiveTopic>()
        .AddSingleton(new Amani.Platform.Records.RecordKind(Incident.AuditEntity.Name, "incidents", (code, id) => $"/missions/{code}/incidents/{id}", typeof(Incident)));

    public void MapApi(RouteGroupBuilder api) => api.MapIncidentsApi().MapIncidentAttachmentsApi();
}
