namespace Api.Data.QueryCache;

/// <summary>Puts the header middleware first in the pipeline, so Program.cs need not know about the cache.</summary>
internal sealed class QueryCacheStartupFilter : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.UseMiddleware<QueryCacheHeaderMiddleware>();
        next(app);
    };
}
