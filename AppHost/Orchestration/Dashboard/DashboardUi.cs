using AppHost.Orchestration.Dashboard.Components;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace AppHost.Orchestration;

/// <summary>The browser dashboard: Blazor interactive-server pages with Fluent UI, served next to the HTTP API.</summary>
internal static class DashboardUi
{
    public static void AddServices(WebApplicationBuilder builder, DistributedApplication app)
    {
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton(app);
        builder.Services.AddSingleton(app.Telemetry);
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddFluentUIComponents();
    }

    public static void Map(WebApplication web)
    {
        web.UseAntiforgery();
        web.MapStaticAssets(StaticAssetsManifest());
        web.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }

    /// <summary>
    /// The AppHost's static-assets manifest sits next to AppHost.dll; a test host that loads the AppHost finds it
    /// in the AppHost's own output folder instead.
    /// </summary>
    private static string StaticAssetsManifest()
    {
        const string name = "AppHost.staticwebassets.endpoints.json";
        var local = Path.Combine(AppContext.BaseDirectory, name);
        return File.Exists(local) ? local : Path.Combine(Path.GetDirectoryName(typeof(DashboardUi).Assembly.Location)!, name);
    }
}
