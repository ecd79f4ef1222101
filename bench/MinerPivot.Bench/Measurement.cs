using System.Diagnostics;

namespace MinerPivot.Bench;

/// <summary>Timings of one measured operation, in milliseconds.</summary>
public sealed record Measurement(string Name, IReadOnlyList<double> Samples)
{
    public int Count => Samples.Count;

    public double Mean => Samples.Average();

    /// <summary>The 95th percentile by nearest rank.</summary>
    public double P95 => Percentile(0.95);

    public double Median => Percentile(0.5);

    private double Percentile(double p)
    {
        var sorted = Samples.Order().ToArray();
        var rank = (int)Math.Ceiling(p * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>
    /// Runs the operations in turn, one after the other in every round (warm-up rounds untimed), so that a machine busy
    /// with other work slows each of them alike and their ratio stays meaningful.
    /// </summary>
    public static async Task<IReadOnlyList<Measurement>> RunInterleavedAsync(int warmup, int iterations,
        params (string Name, Func<int, Task> Operation)[] operations)
    {
        for (var i = 0; i < warmup; i++)
        {
            foreach (var (_, operation) in operations)
            {
                await operation(i);
            }
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var samples = operations.Select(_ => new double[iterations]).ToArray();
        for (var i = 0; i < iterations; i++)
        {
            for (var k = 0; k < operations.Length; k++)
            {
                var start = Stopwatch.GetTimestamp();
                await operations[k].Operation(i);
                samples[k][i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
        }
        return operations.Select((o, k) => new Measurement(o.Name, samples[k])).ToList();
    }

    /// <summary>Runs <paramref name="operation"/> <paramref name="warmup"/> times untimed, then <paramref name="iterations"/> times timed.</summary>
    public static async Task<Measurement> RunAsync(string name, int warmup, int iterations, Func<int, Task> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(i);
        }
        // Start each measurement from a collected heap, so one does not pay for the garbage of the one before.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var samples = new double[iterations];
        for (var i = 0; i < iterations; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }
        return new Measurement(name, samples);
    }
}
