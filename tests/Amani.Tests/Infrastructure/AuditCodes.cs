namespace Amani.Tests.Infrastructure;

/// <summary>
/// The stored audit codes, written out for queries (an expression tree cannot read the modules' <c>AuditAction</c>
/// extension members) — and so that a renumbered code, which would break the stored log's meaning, fails the tests.
/// </summary>
public static class AuditCodes
{
    public const int SchemaMigrated = 1000;
    public const int DemoSeeded = 1001;
    public const int SetupTokenIssued = 1002;
    public const int SetupCompleted = 1003;
    public const int UserCreated = 1100;
    public const int UserPasswordChanged = 1101;
    public const int UserUnlocked = 1102;
    public const int UserLockedOut = 1103;
    public const int RoleGranted = 1200;
    public const int RoleRevoked = 1201;
    public const int TokenCreated = 1300;
    public const int TokenRevoked = 1301;
    public const int MissionCreated = 1400;
    public const int MissionUpdated = 1401;
    public const int AreaCreated = 1500;
    public const int AreasImported = 1501;
    public const int OrganizationCreated = 1600;
    public const int SignInSucceeded = 1700;
    public const int SignInFailed = 1701;
    public const int SignedOut = 1702;
    public const int SignedOutEverywhere = 1703;
    public const int IncidentRecorded = 2000;
    public const int IncidentUpdated = 2001;
    public const int IncidentStatusChanged = 2002;
    public const int IncidentPublicationRequested = 2006;
    public const int IncidentDescriptionPublished = 2007;
    public const int IncidentAssigned = 2003;
    public const int IncidentMerged = 2004;
    public const int IncidentsImported = 2005;
    public const int ReportReceived = 2100;
    public const int ReportMessageReceived = 2101;
    public const int ReportReplied = 2102;
    public const int ReportLinked = 2103;
    public const int ReportContactRevealed = 2104;
    public const int ReportStatusChanged = 2105;
    public const int SmsReplySent = 2106;
    public const int SmsReplyFailed = 2107;
    public const int CountryMonthsImported = 2200;
    public const int ImportJobQueued = 2300;
    public const int ImportJobCancelled = 2301;
    public const int AggregatesRebuilt = 2400;
    public const int AlertRuleCreated = 2500;
    public const int AlertRuleUpdated = 2501;
    public const int AlertRuleArchived = 2502;
    public const int AlertRaised = 2503;
    public const int AlertEvidenceRefreshed = 2504;
    public const int AlertAcknowledged = 2505;
    public const int AlertResponseStarted = 2506;
    public const int AlertResolved = 2507;
    public const int AlertFalseAlarm = 2508;
    public const int AlertActionRecorded = 2509;
    public const int AlertAssigned = 2510;
    public const int AlertEscalated = 2511;
    public const int AlertDeadlinesChanged = 2512;
    public const int ForecastsGenerated = 2600;
    public const int ForecastsScored = 2601;
    public const int AttachmentAdded = 2700;
    public const int AttachmentOriginalDownloaded = 2701;
    public const int ReportAssigned = 2800;
    public const int NotificationPreferencesChanged = 2900;
    public const int FollowUpCreated = 3000;
    public const int FollowUpEdited = 3001;
    public const int FollowUpMoved = 3002;
    public const int FollowUpEvidenceAdded = 3003;
    public const int FollowUpReminded = 3004;
    public const int FollowUpEscalated = 3005;
}
