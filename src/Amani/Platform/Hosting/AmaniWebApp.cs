using Amani.Platform.Access;
using Amani.Analysis.Alerts;
using Amani.Foundation.Accounts;
using Amani.Analysis.Aggregates;
using Amani.Register.Attachments;
using Amani.Foundation.Areas;
using Amani.Platform.Audit;
using Amani.Analysis.Dashboard;
using Amani.Platform.Data;
using Amani.Platform.DataProtection;
using Amani.Foundation.Demo;
using Amani.Register.Duplicates;
using Amani.Register.Exports;
using Amani.Analysis.Forecasting;
using Amani.Analysis.Forecasting.Missions;
using Amani.Platform.Health;
using Amani.Analysis.Hotspots;
using Amani.Register.Imports;
using Amani.Register.Imports.Jobs;
using Amani.Register.Incidents;
using Amani.Platform.Live;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Platform.Problems;
using Amani.Register.Reporting;
using Amani.Register.Reporting.Sms;
using Amani.Foundation.Setup;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Amani.Platform.Web;

namespace Amani.Platform.Hosting;

/// <summary>The web application: one <c>AddXxx</c> and one <c>MapXxx</c> per feature. Reads as the table of contents of the server.</summary>
public static class AmaniWebApp
{
    public static WebApplication Build(AmaniSettings settings, Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = WebSetup.WebRoot,
            ApplicationName = typeof(AmaniWebApp).Assembly.GetName().Name, // where Razor Pages finds the pages, also when a test hosts the app
        });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = settings.MaxRequestBodyBytes);
        builder.Logging.AddAmaniLogging(settings.LogFormat);

        builder.Services
            .AddAmaniCore(settings)
            .AddAmaniProblems()
            .AddAmaniSecurity(settings)
            .AddAmaniReverseProxy(settings)
            .AddAmaniDataProtection()
            .AddAmaniHealth()
            .AddAudit()
            .AddAccounts()
            .AddSetup()
            .AddUsers()
            .AddTokens()
            .AddMissions()
            .AddAreas()
            .AddOrganizations()
            .AddIncidents()
            .AddDuplicates()
            .AddReporting()
            .AddSms()
            .AddAttachments()
            .AddDemo()
            .AddImports()
            .AddForecasting()
            .AddImportJobs()
            .AddExports()
            .AddAggregates()
            .AddHotspots()
            .AddAlerts()
            .AddLive(settings.Database)
            .AddDashboard()
            .AddAmaniWeb()
            .AddOpenApi();
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAmaniReverseProxy();
        app.UseAmaniProblems();
        app.UseAmaniWeb();
        app.UseRouting();
        app.Use(RequestLimits.RejectOversizedAsync); // after routing: endpoints with their own body limit (uploads) are matched first
        app.UseRateLimiter();
        app.UseAuthentication();
        app.Use(AuditActorMiddleware.SetActorAsync);
        app.UseAntiforgery();
        app.Use(SessionAntiforgery.ValidateAsync);

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapAmaniHealth();
        app.MapAmaniWeb();
        app.MapGroup("/api/v1")
            .MapAccountApi()
            .MapSetupApi()
            .MapUsersApi()
            .MapTokensApi()
            .MapMissionsApi()
            .MapAreasApi()
            .MapOrganizationsApi()
            .MapIncidentsApi()
            .MapDuplicatesApi()
            .MapPublicReportsApi()
            .MapTriageApi()
            .MapSmsApi()
            .MapAttachmentsApi()
            .MapAuditApi()
            .MapExportsApi()
            .MapImportJobsApi()
            .MapAggregatesApi()
            .MapHotspotsApi()
            .MapAlertsApi()
            .MapLiveApi()
            .MapForecastsApi()
            .MapDashboardApi();
        return app;
    }
}
