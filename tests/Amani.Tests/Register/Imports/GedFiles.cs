namespace Amani.Tests.Register.Imports;

/// <summary>The real UCDP GED files (the CAR and Syria copies shipped in SampleData) and edited copies of them in a temporary directory.</summary>
public sealed class GedFiles : IDisposable
{
    public static readonly string Car = Path.Combine(AppContext.BaseDirectory, "SampleData", "ucdp", "ged231_events_central_african_republic.csv");
    public static readonly string Syria = Path.Combine(AppContext.BaseDirectory, "SampleData", "ucdp", "ged191_events_syria_2016-2019.csv");

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("amani-import-");

    public string Write(string name, IEnumerable<string> lines)
    {
        var path = Path.Combine(_directory.FullName, name);
        File.WriteAllLines(path, lines);
        return path;
    }

    public static string[] CarLines() => File.ReadAllLines(Car);

    public void Dispose() => _directory.Delete(recursive: true);
}
