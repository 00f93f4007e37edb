using Amani.Platform.Hosting;
using Amani.Platform.Live;
using Amani.Platform.Modules;
using Amani.Register.Incidents;
using Amani.Register.Incidents.Pages;
using Amani.Register.Reporting.Sms;

namespace Amani.Register.Reporting;

/// <summary>Registers community reporting (web form, SMS gateways, triage): see <see cref="IAmaniModule"/>.</summary>
public sealed class ReportingModule : IAmaniModule
{
    public void AddServices(IServiceCollection services, AmaniSettings settings) => services.AddReporting().AddSms().AddSingleton<LiveTopic, ReportLiveTopic>()
        .AddSingleton(new Amani.Platform.Records.RecordKind(CommunityReport.AuditEntity.Name, "reporting", (code, id) => $"/missions/{code}/triage?selected={id}", typeof(CommunityReport)))
        // What the incidents show of their linked reports (contracts the Incidents module owns)
        .AddScoped<Platform.Measures.IMeasureSource, ReportMeasures>()
        .AddScoped<IncidentReports>()
        .AddScoped<IIncidentLinks>(provider => provider.GetRequiredService<IncidentReports>())
        .AddScoped<IIncidentDetailSection>(provider => provider.GetRequiredService<IncidentReports>());

    public void MapApi(RouteGroupBuilder api) => api.MapPublicReportsApi().MapTriageApi().MapReportAttachmentsApi().MapSmsApi();
}
