using System.Globalization;

namespace Startup;

/// <summary>Collects timings and prints them as a Markdown table (median, min, max) for the README.</summary>
internal sealed class Report
{
    private readonly List<(string Name, List<TimeSpan> Samples)> rows = [];

    public async Task MeasureAsync(string name, int runs, Func<Task<TimeSpan>> measure) =>
        Add(name, await MeasureManyAsync(runs, measure));

    public static async Task<List<T>> MeasureManyAsync<T>(int runs, Func<Task<T>> measure)
    {
        var samples = new List<T>();
        for (var i = 0; i < runs; i++)
        {
            samples.Add(await measure());
        }

        return samples;
    }

    public void Add(string name, IEnumerable<TimeSpan> samples) => rows.Add((name, samples.ToList()));

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine("| measurement | median | min | max |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var (name, samples) in rows)
        {
            var sorted = samples.Order().ToList();
            Console.WriteLine($"| {name} | {Seconds(sorted[sorted.Count / 2])} | {Seconds(sorted[0])} | {Seconds(sorted[^1])} |");
        }
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00 's'", CultureInfo.InvariantCulture);
}
