namespace Amani.Platform.Access;

/// <summary>The roles a user can hold. The anonymous public holds none. Names are stable: they are stored.</summary>
public enum Role
{
    /// <summary>Runs the platform: missions, users, organisations, areas, audit.</summary>
    Administrator,
    /// <summary>Mission analyst (JMAC, civil affairs): reads everything in scope, works on analysis.</summary>
    Analyst,
    /// <summary>Joint Operations Centre duty officer: triage, verification, alerts.</summary>
    DutyOfficer,
    /// <summary>Records incidents and patrol reports in the field.</summary>
    FieldOfficer,
    /// <summary>Partner NGO, UN agency or local authority: sees only its own organisation's restricted data.</summary>
    Partner,
}
