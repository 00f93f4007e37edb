using System.Net;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Governance.Results;

/// <summary>The public results in the access-matrix world: anyone, signed in or not, reads a mission's public
/// indicators; the indicator page's map by area is read like the indicator.</summary>
public static class MatrixPublicResults
{
    private static readonly Dictionary<Caller, HttpStatusCode> Everyone = Unscoped.ToDictionary(c => c, _ => HttpStatusCode.OK);

    /// <summary>The indicator page's map: read like the indicator (a partner whose organisation does not report on it gets 404).</summary>
    private static readonly Dictionary<Caller, HttpStatusCode> ReadIndicator = Unscoped.ToDictionary(c => c, c => c switch
    {
        Caller.Anonymous => HttpStatusCode.Unauthorized,
        Caller.Partner => HttpStatusCode.NotFound,
        _ => HttpStatusCode.OK,
    });

    public static IEnumerable<Case> Cases() =>
    [
        new("GET", "/api/v1/public/missions/{code}/indicators", (_, _) => $"/api/v1/public/missions/{Platform.Access.MatrixWorld.Mission}/indicators", None,
            Everyone),
        new("GET", "/api/v1/indicators/{id:guid}/map", (w, _) => $"/api/v1/indicators/{w.Indicator}/map", None, ReadIndicator),
    ];
}
