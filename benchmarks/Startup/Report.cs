using System.Globalization;

namespace Startup;

/// <summary>Collects timings and prints them as a Markdown table (median, min, max) for the README.</summary>
internal sealed class Report
{
    private readonly List<(string Name, List<TimeSpan> Samples)> rows = [];

    public async Task MeasureAsync(string name, int runs, Func<Task<TimeSpan>> measure) =>
        Add(name, await MeasureManyAsync(name, runs, measure));

    public static async Task<List<T>> MeasureManyAsync<T>(string name, int runs, Func<Task<T>> measure)
    {
        var samples = new List<T>();
        for (var i = 0; i < runs; i++)
        {
            Console.Write($"{name}: run {i + 1} of {runs}... ");
            samples.Add(await measure());
            Console.WriteLine(samples[^1]);
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
