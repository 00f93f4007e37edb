using System.Net;
using static Amani.Tests.Platform.Access.AccessMatrix;

namespace Amani.Tests.Governance.Results;

/// <summary>The public results in the access-matrix world: anyone, signed in or not, reads a mission's public indicators.</summary>
public static class MatrixPublicResults
{
    private static readonly Dictionary<Caller, HttpStatusCode> Everyone = Unscoped.ToDictionary(c => c, _ => HttpStatusCode.OK);

    public static IEnumerable<Case> Cases() =>
    [
        new("GET", "/api/v1/public/missions/{code}/indicators", (_, _) => $"/api/v1/public/missions/{Platform.Access.MatrixWorld.Mission}/indicators", None,
            Everyone),
    ];
}
