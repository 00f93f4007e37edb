namespace Amani.Platform.Data;

/// <summary>
/// Work a module must do inside every save of <see cref="AmaniDbContext"/>, before the rows are written and in the same
/// transaction — marking derived data stale, for instance. Registered by the module
/// (<c>services.AddScoped&lt;ISaveParticipant, …&gt;()</c>); the context runs them in registration order. Rows a
/// participant adds must be declared bookkeeping (<see cref="Bookkeeping"/>) or carry their own audit row.
/// </summary>
public interface ISaveParticipant
{
    void Saving(AmaniDbContext db);
}
