using System.Globalization;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>Durations as people read them: 850μs, 12.3ms, 1.42s.</summary>
public static class Durations
{
    public static string Format(TimeSpan duration) => duration.TotalMilliseconds switch
    {
        < 1 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMicroseconds:0}μs"),
        < 1000 => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalMilliseconds:0.##}ms"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{duration.TotalSeconds:0.##}s"),
    };
}
