using Amani.Analysis.Aggregates;
using Amani.Foundation.Areas.Geo;
using Amani.Analysis.Hotspots;
using NetTopologySuite.Geometries;
using Xunit;

namespace Amani.Tests.Analysis.Hotspots;

public sealed class NeighbourTests
{
    private static readonly GeometryFactory Factory = new(new PrecisionModel(), 4326);

    private static Geometry Box(double minX, double minY, double maxX, double maxY) => Factory.ToGeometry(new Envelope(minX, maxX, minY, maxY));

    [Fact]
    public void Areas_that_touch_overlap_or_nearly_touch_are_neighbours_and_others_are_not()
    {
        Geometry?[] shapes =
        [
            Box(0, 0, 1, 1),
            Box(1, 0, 2, 1),          // shares an edge with 0
            Box(2.003, 0, 3, 1),      // a 0.003° sliver gap from 1: within the tolerance
            Box(0.5, 1, 1.5, 2),      // on top of 0 and 1, sharing part of each one's edge
            Box(5, 5, 6, 6),          // alone
            null,                     // no boundary
            Box(3.1, 0, 4, 1),        // 0.1° from 2: too far
        ];

        var neighbours = SpatialNeighbours.Touching(shapes);

        Assert.Equal([1, 3], neighbours[0]);
        Assert.Equal([0, 2, 3], neighbours[1]);
        Assert.Equal([1], neighbours[2]);
        Assert.Equal([0, 1], neighbours[3]);
        Assert.Empty(neighbours[4]);
        Assert.Empty(neighbours[5]);
        Assert.Empty(neighbours[6]);
    }

    [Fact]
    public void Cells_have_their_queen_neighbours_among_the_cells_given()
    {
        var centre = PrioGrid.CellOf(35.25, 36.75);
        var around = new[] { centre - 721, centre - 720, centre - 719, centre - 1, centre + 1, centre + 719, centre + 720, centre + 721 };

        var units = SpatialNeighbours.Cells(around.Append(centre).Append(centre + 5));

        var index = units.Keys.ToList().IndexOf(centre);
        Assert.Equal(around.Order(), units.Neighbours[index].Select(i => units.Keys[i]));
        Assert.Empty(units.Neighbours[units.Keys.ToList().IndexOf(centre + 5)]);
        Assert.Equal(3, units.Neighbours[units.Keys.ToList().IndexOf(centre - 721)].Length);
        Assert.Equal(AnalysisUnit.CellKind, units.Refs[index].Kind);
        Assert.Equal((35.25, 36.75), (units.Refs[index].Latitude!.Value, units.Refs[index].Longitude!.Value));
    }

    [Fact]
    public void Columns_wrap_at_the_antimeridian()
    {
        var east = PrioGrid.CellOf(0.25, 179.75);
        var west = PrioGrid.CellOf(0.25, -179.75);

        var units = SpatialNeighbours.Cells([east, west]);

        Assert.Equal([1], units.Neighbours[0]);
        Assert.Equal([0], units.Neighbours[1]);
    }

    [Fact]
    public void The_cells_meeting_a_boundary_are_those_it_touches()
    {
        var cells = SpatialNeighbours.CellsMeeting(Box(36.1, 35.1, 36.9, 35.4)).Order().ToList();

        Assert.Equal([PrioGrid.CellOf(35.25, 36.25), PrioGrid.CellOf(35.25, 36.75)], cells);
    }

    [Fact]
    public void A_space_time_bin_neighbours_its_unit_and_its_neighbours_in_the_adjacent_months()
    {
        // Two neighbouring units over three months: bins are unit·3 + month.
        var neighbourhoods = HotspotAnalysis.SpaceTimeNeighbourhoods([[1], [0]], 3);

        Assert.Equal([0, 1, 3, 4], neighbourhoods[0].Order());               // unit 0, first month: months 0–1 of both units
        Assert.Equal([0, 1, 2, 3, 4, 5], neighbourhoods[1].Order());         // unit 0, middle month
        Assert.Equal([1, 2, 4, 5], neighbourhoods[5].Order());               // unit 1, last month
    }
}
