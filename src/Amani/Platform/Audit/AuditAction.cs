namespace Amani.Platform.Audit;

/// <summary>
/// Stable numeric codes of audited actions, grouped by area in blocks of 100. Never renumber or reuse a code:
/// they are stored in the hash-chained log. Add new codes at the end of their block.
/// </summary>
public enum AuditAction
{
    // 1000 platform
    SchemaMigrated = 1000,
    DemoSeeded = 1001,
    SetupTokenIssued = 1002,
    SetupCompleted = 1003,

    // 1100 users
    UserCreated = 1100,
    UserPasswordChanged = 1101,
    UserUnlocked = 1102,
    UserLockedOut = 1103,

    // 1200 role assignments
    RoleGranted = 1200,
    RoleRevoked = 1201,

    // 1300 access tokens
    TokenCreated = 1300,
    TokenRevoked = 1301,

    // 1400 missions
    MissionCreated = 1400,
    MissionUpdated = 1401,

    // 1500 admin areas
    AreaCreated = 1500,
    AreasImported = 1501,

    // 1600 organisations
    OrganizationCreated = 1600,

    // 1700 sign-in
    SignInSucceeded = 1700,
    SignInFailed = 1701,
    SignedOut = 1702,

    // 2000 incidents
    IncidentRecorded = 2000,
    IncidentUpdated = 2001,
    IncidentStatusChanged = 2002,
    IncidentAssigned = 2003,
    IncidentMerged = 2004,
    IncidentsImported = 2005,

    // 2100 community reports
    ReportReceived = 2100,
    ReportMessageReceived = 2101,
    ReportReplied = 2102,
    ReportLinked = 2103,
    ReportContactRevealed = 2104,
    ReportStatusChanged = 2105,
    SmsReplySent = 2106,
    SmsReplyFailed = 2107,

    // 2200 forecasting reference data
    CountryMonthsImported = 2200,

    // 2300 import jobs (the imports themselves are audited per batch: 1501, 2005, 2200)
    ImportJobQueued = 2300,
    ImportJobCancelled = 2301,

    // 2400 incident aggregates
    AggregatesRebuilt = 2400,

    // 2500 alerts
    AlertRuleCreated = 2500,
    AlertRuleUpdated = 2501,
    AlertRuleArchived = 2502,
    AlertRaised = 2503,
    AlertEvidenceRefreshed = 2504,
    AlertAcknowledged = 2505,
    AlertResponseStarted = 2506,
    AlertResolved = 2507,
    AlertFalseAlarm = 2508,
    AlertActionRecorded = 2509,
    AlertAssigned = 2510,
    AlertEscalated = 2511,
    AlertDeadlinesChanged = 2512,

    // 2600 forecasts
    ForecastsGenerated = 2600,
    ForecastsScored = 2601,

    // 2700 attachments
    AttachmentAdded = 2700,
    AttachmentOriginalDownloaded = 2701,

    // 2800 triage page
    ReportAssigned = 2800,

    // 2900 notifications (the notifications themselves are audited with the change that caused them)
    NotificationPreferencesChanged = 2900,

    // 3000 follow-ups (those a module keeps in step with its records are audited with the record's change)
    FollowUpCreated = 3000,
    FollowUpEdited = 3001,
    FollowUpMoved = 3002,
    FollowUpEvidenceAdded = 3003,
    FollowUpReminded = 3004,
    FollowUpEscalated = 3005,
}
