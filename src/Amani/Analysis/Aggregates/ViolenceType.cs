namespace Amani.Analysis.Aggregates;

/// <summary>
/// UCDP's types of organised violence, plus <see cref="Other"/> for everything else an incident register holds.
/// How an incident's category and actors map onto them is <see cref="ViolenceTypes"/>'s.
/// </summary>
public enum ViolenceType
{
    /// <summary>UCDP type 1: fighting in which a state (its forces, or foreign state forces) is a party.</summary>
    StateBased,
    /// <summary>UCDP type 2: fighting between organised groups, none of them a state.</summary>
    NonState,
    /// <summary>UCDP type 3: an organised actor, state or not, attacking civilians.</summary>
    OneSided,
    /// <summary>Protests, riots, strategic developments and mission categories that are not (yet) violence.</summary>
    Other,
}
