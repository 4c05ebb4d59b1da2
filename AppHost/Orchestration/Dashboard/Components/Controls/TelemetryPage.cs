using AppHost.Orchestration.Telemetry;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>A page over the telemetry store: it re-reads only when the store has changed or a filter moved.</summary>
public abstract class TelemetryPage : LivePage
{
    private long seenVersion = -1;
    private bool filtersChanged = true;

    [Microsoft.AspNetCore.Components.Inject]
    protected TelemetryStore Store { get; set; } = default!;

    protected IReadOnlyList<string> Resources { get; private set; } = [];

    protected override TimeSpan Interval => TimeSpan.FromSeconds(1);

    /// <summary>Reads what the page shows from <see cref="Store"/>.</summary>
    protected abstract void Load();

    /// <summary>Call when a filter changes: the next refresh (the render that follows) reads again.</summary>
    protected void FiltersChanged()
    {
        filtersChanged = true;
        Refresh();
    }

    protected override bool Refresh()
    {
        var version = Store.Version;
        if (version == seenVersion && !filtersChanged)
        {
            return false;
        }

        seenVersion = version;
        filtersChanged = false;
        Resources = Store.Resources;
        Load();
        return true;
    }
}
