using Amani.Platform.Data;

namespace Amani.Analysis.Aggregates;

/// <summary>Marks the aggregate slices a save changes, inside that save (see <see cref="AggregateSlices.MarkChanged"/>).</summary>
public sealed class AggregateSliceMarker : ISaveParticipant
{
    public void Saving(AmaniDbContext db) => AggregateSlices.MarkChanged(db);
}
