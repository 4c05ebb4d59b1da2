namespace Api.Data.QueryCache;

/// <summary>
/// Opens each request's <see cref="RequestCacheScope"/> and reports its worst outcome as <c>X-Query-Cache</c> on
/// every response whose request used the cached handle. A request may send <c>Cache-Control: no-cache</c> to have
/// its reads go to PostgreSQL.
/// </summary>
internal sealed class QueryCacheHeaderMiddleware(RequestDelegate next)
{
    public const string HeaderName = "X-Query-Cache";

    public Task InvokeAsync(HttpContext context)
    {
        var noCache = context.Request.Headers.CacheControl.ToString().Contains("no-cache", StringComparison.OrdinalIgnoreCase);
        var scope = RequestCacheScope.Begin(noCache);
        context.Response.OnStarting(static state =>
        {
            var (response, scope) = ((HttpResponse, RequestCacheScope))state;
            if (scope.Outcome is { } outcome)
            {
                response.Headers[HeaderName] = QueryCacheTelemetry.OutcomeName(outcome);
            }

            return Task.CompletedTask;
        }, (context.Response, scope));

        return next(context);
    }
}
