using Amani.Register.Incidents;

namespace Amani.Analysis.Aggregates;

/// <summary>
/// The set-based SQL that recomputes the aggregates of a mission, for all months or a range of months: one
/// <c>INSERT … SELECT … GROUP BY</c> for areas and one for cells. Parameters: {0} mission id, then optionally {1}/{2}
/// the start (inclusive) and end (exclusive) of the range, and the country area last.
/// Counted: incidents that are neither rejected nor duplicates (nor merged into another, nor closed straight after
/// being rejected) and not restricted.
/// </summary>
public static class AggregateSql
{
    private const string Incident = "i";

    /// <summary>The workflow lets a rejected incident be closed: it stays excluded (its last move was rejected → closed).</summary>
    private static readonly string ClosedAfterRejection =
        $"i.status = '{IncidentStatus.Closed}' AND EXISTS (SELECT 1 FROM incident_status_changes c WHERE c.incident_id = i.id " +
        $"AND c.from_status = '{IncidentStatus.Rejected}' AND c.to_status = '{IncidentStatus.Closed}' " +
        "AND NOT EXISTS (SELECT 1 FROM incident_status_changes later WHERE later.incident_id = i.id AND later.at > c.at))";

    private static readonly string Counted =
        $"i.mission_id = {{0}} AND i.status NOT IN ('{IncidentStatus.Rejected}', '{IncidentStatus.Duplicate}') AND i.duplicate_of_id IS NULL " +
        $"AND i.confidentiality IN ('{Confidentiality.Public}', '{Confidentiality.Mission}') AND NOT ({ClosedAfterRejection})";

    /// <summary>Precise enough for a 0.5° cell: exact, within ~25 km, or an admin-2 centroid (or a point recorded without a precision).</summary>
    private static readonly string PreciseForCell =
        $"i.prio_grid_cell IS NOT NULL AND (i.location_precision IS NULL OR i.location_precision IN ('{LocationPrecision.Exact}', " +
        $"'{LocationPrecision.Near}', '{LocationPrecision.Admin2}'))";

    private static string Month(bool postgres) => postgres
        ? "((CAST(EXTRACT(YEAR FROM i.occurred_from AT TIME ZONE 'UTC') AS integer) - 1980) * 12 + CAST(EXTRACT(MONTH FROM i.occurred_from AT TIME ZONE 'UTC') AS integer))"
        : "((CAST(substr(i.occurred_from, 1, 4) AS INTEGER) - 1980) * 12 + CAST(substr(i.occurred_from, 6, 2) AS INTEGER))";

    private static string Range(bool ranged) => ranged ? " AND i.occurred_from >= {1} AND i.occurred_from < {2}" : "";

    /// <summary>Sums of the fatality estimates; a missing low or high estimate counts as the best one (so low ≤ best ≤ high holds).</summary>
    private const string Fatalities =
        "SUM(COALESCE(x.best, 0)) AS best, SUM(COALESCE(x.low, x.best, 0)) AS low, SUM(COALESCE(x.high, x.best, 0)) AS high";

    private static string Rows(bool postgres, string unit, string where) => $"""
        SELECT {unit} AS unit, {Month(postgres)} AS month_id, {ViolenceTypes.SqlCase(Incident)} AS violence, i.confidentiality AS confidentiality,
               i.fatalities_best AS best, i.fatalities_low AS low, i.fatalities_high AS high
        FROM incidents i
        WHERE {where}
        """;

    /// <summary>
    /// Area rows: each incident counts for its area and every ancestor (the lineage is a recursive walk up the parent
    /// links, joined after grouping by area so it multiplies groups, not incidents). An incident without an area counts
    /// for the country area when the mission has exactly one (the <paramref name="countryParameter"/>, else none).
    /// </summary>
    public static string InsertAreas(bool postgres, bool ranged, int? countryParameter)
    {
        var area = countryParameter is { } p ? $"COALESCE(i.area_id, {{{p}}})" : "i.area_id";
        return $"""
            WITH RECURSIVE lineage (area_id, ancestor_id) AS (
                SELECT id, id FROM admin_areas WHERE mission_id = {"{0}"}
                UNION ALL
                SELECT l.area_id, a.parent_id FROM lineage l JOIN admin_areas a ON a.id = l.ancestor_id WHERE a.parent_id IS NOT NULL
            ),
            by_area AS (
                SELECT x.unit AS area_id, x.month_id, x.violence, x.confidentiality, COUNT(*) AS events,
                       {Fatalities}
                FROM ({Rows(postgres, area, Counted + Range(ranged))}) x
                WHERE x.unit IS NOT NULL
                GROUP BY x.unit, x.month_id, x.violence, x.confidentiality
            )
            INSERT INTO area_month_aggregates (mission_id, area_id, month_id, violence, confidentiality, events, fatalities_best, fatalities_low, fatalities_high)
            SELECT {"{0}"}, l.ancestor_id, b.month_id, b.violence, b.confidentiality, SUM(b.events), SUM(b.best), SUM(b.low), SUM(b.high)
            FROM by_area b JOIN lineage l ON l.area_id = b.area_id
            GROUP BY l.ancestor_id, b.month_id, b.violence, b.confidentiality
            """;
    }

    public static string InsertCells(bool postgres, bool ranged) => $"""
        INSERT INTO cell_month_aggregates (mission_id, cell, month_id, violence, confidentiality, events, fatalities_best, fatalities_low, fatalities_high)
        SELECT {"{0}"}, x.unit, x.month_id, x.violence, x.confidentiality, COUNT(*), {Fatalities}
        FROM ({Rows(postgres, "i.prio_grid_cell", Counted + " AND " + PreciseForCell + Range(ranged))}) x
        GROUP BY x.unit, x.month_id, x.violence, x.confidentiality
        """;

    /// <summary>Deletes a mission's rows, of all months or of months {1}…{2} (month ids, inclusive).</summary>
    public static string Delete(string table, bool ranged) =>
        $"DELETE FROM {table} WHERE mission_id = {{0}}" + (ranged ? " AND month_id >= {1} AND month_id <= {2}" : "");

    /// <summary>
    /// The incidents' cube for the measures (<see cref="IncidentMeasures"/>): per month (id), area (the incident's own,
    /// null when it has none), category and public flag, the number of counted incidents and the sums of their best
    /// fatality estimates and civilian fatalities. One grouped read over the mission's range of <c>occurred_from</c>
    /// (the index on mission, occurred_from). Parameters: {0} mission, {1}/{2} start (inclusive) and end (exclusive).
    /// </summary>
    public static string MeasureCube(bool postgres) => $"""
        SELECT {Month(postgres)} AS "MonthId", i.area_id AS "AreaId", i.category_code AS "Category",
               CASE WHEN i.confidentiality = '{Confidentiality.Public}' THEN 1 ELSE 0 END AS "IsPublic",
               COUNT(*) AS "Incidents", SUM(COALESCE(i.fatalities_best, 0)) AS "Fatalities",
               SUM(COALESCE(i.civilian_fatalities, 0)) AS "CivilianFatalities"
        FROM incidents i
        WHERE {Counted}{Range(true)}
        GROUP BY 1, 2, 3, 4
        """;

    public const string BumpVersion = """
        INSERT INTO aggregate_states (mission_id, version, refreshed_at) VALUES ({0}, 1, {1})
        ON CONFLICT (mission_id) DO UPDATE SET version = aggregate_states.version + 1, refreshed_at = excluded.refreshed_at
        """;
}
