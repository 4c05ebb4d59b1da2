using Microsoft.AspNetCore.Components;

namespace AppHost.Orchestration.Dashboard.Components.Controls;

/// <summary>
/// A page that refreshes itself while the browser shows it: <see cref="Refresh"/> runs on a timer once the circuit
/// is interactive (never during prerendering), and the page re-renders when it says something changed.
/// </summary>
public abstract class LivePage : ComponentBase, IDisposable
{
    private readonly CancellationTokenSource closed = new();

    /// <summary>How often the page looks for news.</summary>
    protected virtual TimeSpan Interval => TimeSpan.FromMilliseconds(500);

    protected CancellationToken Closed => closed.Token;

    /// <summary>Reads the latest data; returns whether the page needs to render again.</summary>
    protected abstract bool Refresh();

    protected override void OnParametersSet() => Refresh();

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = PollAsync();
        }
    }

    public void Dispose()
    {
        closed.Cancel();
        closed.Dispose();
        GC.SuppressFinalize(this);
    }

    private async Task PollAsync()
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(closed.Token))
            {
                await InvokeAsync(() =>
                {
                    if (Refresh())
                    {
                        StateHasChanged();
                    }
                });
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
