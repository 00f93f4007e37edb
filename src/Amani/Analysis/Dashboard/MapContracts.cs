using Amani.Register.Incidents;

namespace Amani.Analysis.Dashboard;

/// <summary>
/// The incidents of a viewport at one zoom: <see cref="Clusters"/> (grid cells of 64 screen pixels holding several
/// incidents: how many, their mean position, the most frequent top-level category) and <see cref="Points"/> (single
/// incidents, with id; from zoom <see cref="MapClusterer.PointZoom"/> every incident of a cell of up to
/// <see cref="MapClusterer.PointsPerCell"/>). <see cref="Total"/> counts every incident matched in the viewport.
/// </summary>
public sealed record MapClustersResponse(int Zoom, int Total, IReadOnlyList<MapCluster> Clusters, IReadOnlyList<MapPointResponse> Points);

public sealed record MapCluster(double Lat, double Lon, int Count, string Category);

public sealed record MapPointResponse(Guid Id, double Lat, double Lon, string Category, IncidentStatus Status);
