using Amani.Analysis.Aggregates;
using Amani.Analysis.Alerts;
using Amani.Analysis.Dashboard;
using Amani.Analysis.Forecasting;
using Amani.Analysis.Hotspots;
using Amani.Governance.Lessons;
using Amani.Governance.Results;
using Amani.Governance.Surveys;
using Amani.Foundation.Accounts;
using Amani.Foundation.Areas;
using Amani.Foundation.Demo;
using Amani.Foundation.Missions;
using Amani.Foundation.Organizations;
using Amani.Foundation.Setup;
using Amani.Foundation.Taxonomy;
using Amani.Foundation.Tokens;
using Amani.Foundation.Users;
using Amani.Platform.Audit;
using Amani.Platform.FollowUps;
using Amani.Platform.Live;
using Amani.Platform.Notifications;
using Amani.Platform.Modules;
using Amani.Register.Attachments;
using Amani.Register.Duplicates;
using Amani.Register.Exports;
using Amani.Register.Imports;
using Amani.Register.Incidents;
using Amani.Register.Reporting;

namespace Amani;

/// <summary>
/// Every module of Amani, in the order their services, endpoints and commands are registered: the one list a new
/// module adds its line to (see docs/platform/modules.md). The platform's own shell (hosting, data, access, problems,
/// web) is not listed: it is what the modules plug into.
/// </summary>
public static class AmaniModules
{
    public static IReadOnlyList<IAmaniModule> All { get; } =
    [
        // Platform services that are modules of their own
        new AuditModule(),
        new LiveModule(),
        new NotificationsModule(),
        new FollowUpsModule(),
        // Foundation
        new AccountsModule(),
        new SetupModule(),
        new UsersModule(),
        new TokensModule(),
        new MissionsModule(),
        new AreasModule(),
        new OrganizationsModule(),
        new DemoModule(),
        new TaxonomyModule(),
        // Register
        new IncidentsModule(),
        new DuplicatesModule(),
        new ReportingModule(),
        new AttachmentsModule(),
        new ImportsModule(),
        new ExportsModule(),
        // Analysis
        new ForecastingModule(),
        new AggregatesModule(),
        new HotspotsModule(),
        new AlertsModule(),
        new DashboardModule(),
        // Governance
        new ResultsModule(),
        new LessonsModule(),
        new SurveysModule(),
    ];
}
