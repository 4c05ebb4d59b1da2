using System.Globalization;

namespace Startup;

/// <summary>
/// Collects timings per checkout and prints them as Markdown tables for the README: median and range (min–max) of each
/// checkout side by side, the goals with this build's verdict, then the phases of each measurement.
/// </summary>
internal sealed class Report(Checkout thisBuild, IReadOnlyList<Checkout> checkouts)
{
    private readonly List<(string Name, double? GoalSeconds)> rows = [];
    private readonly Dictionary<(string Checkout, string Row), List<TimeSpan>> samples = [];
    private readonly List<string> phaseTables = [];
    private readonly Dictionary<(string Checkout, string Table, string Phase), List<TimeSpan>> phases = [];

    public void Row(string name, double? goalSeconds = null)
    {
        if (!rows.Any(r => r.Name == name))
        {
            rows.Add((name, goalSeconds));
        }
    }

    public void Add(Checkout checkout, string row, TimeSpan value) => Samples(samples, (checkout.Name, row)).Add(value);

    public void AddPhases(Checkout checkout, string table, IReadOnlyDictionary<string, TimeSpan> values)
    {
        if (!phaseTables.Contains(table))
        {
            phaseTables.Add(table);
        }

        foreach (var (phase, at) in values)
        {
            Samples(phases, (checkout.Name, table, phase)).Add(at);
        }
    }

    public void Print()
    {
        Console.WriteLine();
        Console.WriteLine($"Seconds: median (min–max) of each checkout's runs; n = runs when fewer than the rest.");
        Console.WriteLine();
        Console.WriteLine($"| measurement | goal | {string.Join(" | ", checkouts.Select(c => c.Name))} |");
        Console.WriteLine($"|---|---|{string.Concat(checkouts.Select(_ => "---:|"))}");
        foreach (var (name, goal) in rows)
        {
            var verdict = goal is { } seconds && samples.TryGetValue((thisBuild.Name, name), out var own) && own.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"≤ {seconds:0.#} s: {(Median(own).TotalSeconds <= seconds ? "met" : "**not met**")}")
                : "";
            Console.WriteLine($"| {name} | {verdict} | {string.Join(" | ", checkouts.Select(c => Cell(samples.GetValueOrDefault((c.Name, name)))))} |");
        }

        foreach (var table in phaseTables)
        {
            Console.WriteLine();
            Console.WriteLine($"| {table} | {string.Join(" | ", checkouts.Select(c => c.Name))} |");
            Console.WriteLine($"|---|{string.Concat(checkouts.Select(_ => "---:|"))}");
            var names = phases.Keys.Where(k => k.Table == table).Select(k => k.Phase).Distinct()
                .OrderBy(phase => checkouts.Prepend(thisBuild).Select(c => phases.GetValueOrDefault((c.Name, table, phase))).FirstOrDefault(s => s is not null) is { } first ? Median(first) : TimeSpan.MaxValue)
                .ThenBy(phase => phase, StringComparer.Ordinal);
            foreach (var phase in names)
            {
                Console.WriteLine($"| {phase} | {string.Join(" | ", checkouts.Select(c => Cell(phases.GetValueOrDefault((c.Name, table, phase)))))} |");
            }
        }
    }

    private string Cell(List<TimeSpan>? values)
    {
        if (values is not { Count: > 0 })
        {
            return "";
        }

        var most = samples.Values.Select(s => s.Count).DefaultIfEmpty(0).Max();
        var count = values.Count < most ? $", n={values.Count}" : "";
        return $"{Seconds(Median(values))} ({Seconds(values.Min())}–{Seconds(values.Max())}{count})";
    }

    private static TimeSpan Median(List<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);

    private static List<TimeSpan> Samples<TKey>(Dictionary<TKey, List<TimeSpan>> all, TKey key)
        where TKey : notnull
    {
        if (!all.TryGetValue(key, out var list))
        {
            all[key] = list = [];
        }

        return list;
    }
}
