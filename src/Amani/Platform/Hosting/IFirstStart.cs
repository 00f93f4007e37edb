namespace Amani.Platform.Hosting;

/// <summary>
/// Work <c>./amani serve</c> does after the schema upgrade and before it listens, such as seeding the demo mission on
/// an empty database or printing the first administrator's set-up token. Modules register implementations; they run
/// in module order, each in its own scope, and each decides from the settings and the data whether it has anything to do.
/// </summary>
public interface IFirstStart
{
    Task RunAsync(IServiceProvider services, AmaniSettings settings, CancellationToken cancellationToken);
}
