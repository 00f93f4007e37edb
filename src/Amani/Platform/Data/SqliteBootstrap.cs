using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Amani.Platform.Data;

/// <summary>
/// Microsoft.Data.Sqlite 10 is built against SQLitePCLRaw 2.1, but the package registry available to this project
/// holds only SQLitePCLRaw 2.0.6, whose API is the same. This binds requests for any SQLitePCLRaw version to the
/// assemblies shipped next to the application and initialises the bundled native SQLite once per process.
/// </summary>
internal static class SqliteBootstrap
{
    [ModuleInitializer]
    internal static void Initialize()
    {
        AssemblyLoadContext.Default.Resolving += (context, name) =>
        {
            if (name.Name is null || !name.Name.StartsWith("SQLitePCLRaw.", StringComparison.Ordinal))
                return null;
            var path = Path.Combine(AppContext.BaseDirectory, name.Name + ".dll");
            return File.Exists(path) ? context.LoadFromAssemblyPath(path) : null;
        };
        InitializeBatteries();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void InitializeBatteries() => SQLitePCL.Batteries_V2.Init();
}
