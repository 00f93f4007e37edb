using System;
using System.IO;

/// <summary>The repository's root: the nearest folder above the benchmark's binaries that holds Amani.slnx.</summary>
internal static class BenchRoot
{
    public static string Find()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Amani.slnx")))
            directory = directory.Parent;
        return directory?.FullName ?? throw new InvalidOperationException($"No Amani.slnx above {AppContext.BaseDirectory}.");
    }
}
