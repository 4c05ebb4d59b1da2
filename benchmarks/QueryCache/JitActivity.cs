using System.Runtime;

namespace QueryCacheBenchmarks;

/// <summary>
/// How much the JIT compiled since the last reading. For tens of seconds after start, tiered compilation recompiles
/// the hot methods of EF Core, Npgsql and the cache on a background thread (hundreds of milliseconds a second on two
/// cores), and a kind of query with more code of its own pays more of it: a fair comparison starts once it is over.
/// </summary>
internal sealed class JitActivity
{
    private long methods = JitInfo.GetCompiledMethodCount();
    private TimeSpan time = JitInfo.GetCompilationTime();

    public (long Methods, TimeSpan Time) SinceLastReading()
    {
        var (nowMethods, nowTime) = (JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime());
        var since = (nowMethods - methods, nowTime - time);
        (methods, time) = (nowMethods, nowTime);
        return since;
    }
}
