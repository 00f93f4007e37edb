using Amani.Bench;

// The community-report intake benchmark and crash test. Run through bench/run.sh (it builds, and provides PostgreSQL).
var options = Options.Parse(args);
if (!File.Exists(options.ServerDll))
{
    Console.Error.WriteLine($"No server at {options.ServerDll}: run 'dotnet build -c Release' first (bench/run.sh does).");
    return 2;
}
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
return options.Command switch
{
    "intake" => await IntakeBenchmark.RunAsync(options, stop.Token),
    "crash" => await CrashTest.RunAsync(options, stop.Token),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Amani.Bench.ReportIntake intake|crash [--seconds N] [--warmup N] [--connections C] [--only sqlite|postgres] [--server DLL]");
    return 2;
}
