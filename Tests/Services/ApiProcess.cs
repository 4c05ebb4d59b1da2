using System.Net;
using System.Net.Sockets;

namespace Tests.Services;

/// <summary>The API's build output as its own process on a free loopback port, with a client for it; ended when disposed.</summary>
internal sealed class ApiProcess : IDisposable
{
    private ApiProcess(ServiceProcess process, HttpClient client)
    {
        Process = process;
        Client = client;
    }

    public ServiceProcess Process { get; }

    public HttpClient Client { get; }

    /// <summary>Starts the API with <paramref name="environment"/> and returns once <paramref name="readyPath"/> answers 200.</summary>
    public static async Task<ApiProcess> StartAsync(IReadOnlyDictionary<string, string> environment, string readyPath)
    {
        var port = FreePort();
        var process = ServiceProcess.Start(new Projects.Api(), new Dictionary<string, string>(environment)
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });
        var api = new ApiProcess(process, new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") });
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        while (!await api.AnswersOkAsync(readyPath))
        {
            Assert.True(DateTime.UtcNow < deadline && !process.Process.HasExited, $"{readyPath} never answered 200:\n{process.Output}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        return api;
    }

    public async Task GetAsync(string path) =>
        (await Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken)).Dispose();

    public void Dispose()
    {
        Client.Dispose();
        Process.Dispose();
    }

    private async Task<bool> AnswersOkAsync(string path)
    {
        try
        {
            using var response = await Client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
