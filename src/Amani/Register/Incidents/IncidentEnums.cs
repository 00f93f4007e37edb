namespace Amani.Register.Incidents;

public enum IncidentSource { Patrol, ObservationPost, CommunityWeb, CommunitySms, Partner, DroneObservation, Media, Imported }

/// <summary>How precisely the occurrence time is known. <see cref="Range"/>: somewhere between the two stored times.</summary>
public enum DatePrecision { Exact, Day, Week, Month, Year, Range }

/// <summary>
/// How precisely the location is known, using UCDP GED's <c>where_prec</c> codes: 1 exact, 2 within ~25 km,
/// 3 second-order admin area, 4 first-order admin area, 5 larger than that, 6 country, 7 water or airspace.
/// </summary>
public enum LocationPrecision { Exact = 1, Near = 2, Admin2 = 3, Admin1 = 4, Region = 5, Country = 6, WaterOrAirspace = 7 }

public enum Confidentiality { Public, Mission, Restricted }

public enum Confidence { Unverified, Probable, Confirmed }

/// <summary>
/// The life of an incident: <c>reported → triaged → verified | rejected | duplicate → responding → closed</c>.
/// The allowed moves are <see cref="IncidentWorkflow"/>'s.
/// </summary>
public enum IncidentStatus { Reported, Triaged, Verified, Rejected, Duplicate, Responding, Closed }

/// <summary>ACLED actor type codes (<c>inter1</c>/<c>inter2</c>).</summary>
public enum ActorType
{
    StateForces = 1, RebelGroup = 2, PoliticalMilitia = 3, IdentityMilitia = 4, Rioters = 5, Protesters = 6, Civilians = 7, ExternalForces = 8,
}
