namespace AppHost.Orchestration;

/// <summary><c>WithHttpHealthCheck</c>: healthy when the path answers 2xx.</summary>
internal sealed class HttpHealthProbe(ProjectResource project) : IHealthProbe
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public async Task<string?> CheckAsync(int replica, CancellationToken cancellationToken)
    {
        var url = project.HttpEndpoints[replica].Url + project.HealthCheckPath;
        try
        {
            using var response = await Client.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode ? null : $"{project.HealthCheckPath} answered {(int)response.StatusCode}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return $"{project.HealthCheckPath}: {e.Message}";
        }
    }
}
