namespace MinerPivot.Bench;

/// <summary>
/// dotnet run -c Release --project bench/MinerPivot.Bench -- &lt;scenario&gt;. A measurement, not a test: it prints its
/// figures and whether each target was met, and exits 0 either way (non-zero only when it could not measure).
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        switch (args.FirstOrDefault())
        {
            case "signposts":
                return await SignpostsScenario.RunAsync(cancel.Token);
            case "universe" when args.Length == 2:
                var paths = await SyntheticUniverse.WriteAsync(args[1], cancel.Token);
                foreach (var path in paths)
                {
                    Console.WriteLine($"{path} ({new FileInfo(path).Length:N0} bytes)");
                }
                return 0;
            default:
                Console.Error.WriteLine("""
                    Usage: dotnet run -c Release --project bench/MinerPivot.Bench -- <scenario>
                      signposts          engine over all companies, GET …/signposts over HTTP, raw SQL floor (see bench/README.md)
                      universe <folder>  write the synthetic universe's ten CSV files into <folder>
                    """);
                return 2;
        }
    }
}
