using Amani.Access;
using Amani.Alerts;
using Amani.Accounts;
using Amani.Aggregates;
using Amani.Attachments;
using Amani.Areas;
using Amani.Audit;
using Amani.Dashboard;
using Amani.Data;
using Amani.DataProtection;
using Amani.Demo;
using Amani.Duplicates;
using Amani.Exports;
using Amani.Forecasting;
using Amani.Forecasting.Missions;
using Amani.Health;
using Amani.Hotspots;
using Amani.Imports;
using Amani.Imports.Jobs;
using Amani.Incidents;
using Amani.Live;
using Amani.Missions;
using Amani.Notifications;
using Amani.Organizations;
using Amani.Problems;
using Amani.Reporting;
using Amani.Reporting.Sms;
using Amani.Setup;
using Amani.Tokens;
using Amani.Users;
using Amani.Web;

namespace Amani.Hosting;

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
            .AddNotifications()
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
            .MapNotificationsApi()
            .MapLiveApi()
            .MapForecastsApi()
            .MapDashboardApi();
        return app;
    }
}
