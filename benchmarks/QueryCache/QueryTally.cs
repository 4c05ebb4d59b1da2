namespace QueryCacheBenchmarks;

/// <summary>
/// What one kind of query cost over every half-second it ran: CPU time of this process, of PostgreSQL, of the cache
/// server, of the API replicas and of the machine, bytes allocated, GC pause time and thread-pool work items (each one
/// a possible thread wake-up), per query. Less noisy than wall time on a shared machine, and it counts the work a
/// miss leaves behind (its L2 write, its entry's life on the heap), which wall time only sees when it competes.
/// </summary>
internal sealed class QueryTally
{
    private Reading total;
    private long queries;

    public double ProcessCpu => total.ProcessCpu.TotalMicroseconds / queries;

    public double MachineCpu => total.MachineCpu.TotalMicroseconds / queries;

    public double AllocatedBytes => (double)total.AllocatedBytes / queries;

    public double GcPause => total.GcPause.TotalMicroseconds / queries;

    public double WorkItems => (double)total.WorkItems / queries;

    public double ContextSwitches => (double)total.ContextSwitches / queries;

    public double PostgresCpu => total.PostgresCpu.TotalMicroseconds / queries;

    public double CacheServerCpu => total.CacheServerCpu.TotalMicroseconds / queries;

    public double ReplicasCpu => total.ReplicasCpu.TotalMicroseconds / queries;

    public void Add(Reading spent, int count) => (total, queries) = (total + spent, queries + count);

    /// <summary>The counters at one moment, or the difference between two moments.</summary>
    internal readonly record struct Reading(
        TimeSpan ProcessCpu, TimeSpan MachineCpu, long AllocatedBytes, TimeSpan GcPause, long WorkItems, long ContextSwitches,
        TimeSpan PostgresCpu, TimeSpan CacheServerCpu, TimeSpan ReplicasCpu)
    {
        private static readonly ProcessGroup Postgres = new("postgres");
        private static readonly ProcessGroup CacheServer = new("redis-server", "garnet");
        // The replicas themselves (Api/bin/.../Api), not the `dotnet run` that Aspire starts each through.
        private static readonly ProcessGroup Replicas = new("/Api/bin/");

        /// <summary>Finds the app's other processes again: PostgreSQL starts a backend for each new connection.</summary>
        public static void FindOtherProcesses()
        {
            Postgres.FindAgain();
            CacheServer.FindAgain();
            Replicas.FindAgain();
        }

        public static Reading Now() =>
            new(CpuClock.OfProcess(Environment.ProcessId), CpuClock.OfMachine(), GC.GetTotalAllocatedBytes(), GC.GetTotalPauseDuration(),
                ThreadPool.CompletedWorkItemCount, CpuClock.ContextSwitchesOfThisProcess(),
                Postgres.CpuSoFar(), CacheServer.CpuSoFar(), Replicas.CpuSoFar());

        public static Reading operator -(Reading a, Reading b) =>
            new(a.ProcessCpu - b.ProcessCpu, a.MachineCpu - b.MachineCpu, a.AllocatedBytes - b.AllocatedBytes, a.GcPause - b.GcPause,
                a.WorkItems - b.WorkItems, a.ContextSwitches - b.ContextSwitches,
                a.PostgresCpu - b.PostgresCpu, a.CacheServerCpu - b.CacheServerCpu, a.ReplicasCpu - b.ReplicasCpu);

        public static Reading operator +(Reading a, Reading b) =>
            new(a.ProcessCpu + b.ProcessCpu, a.MachineCpu + b.MachineCpu, a.AllocatedBytes + b.AllocatedBytes, a.GcPause + b.GcPause,
                a.WorkItems + b.WorkItems, a.ContextSwitches + b.ContextSwitches,
                a.PostgresCpu + b.PostgresCpu, a.CacheServerCpu + b.CacheServerCpu, a.ReplicasCpu + b.ReplicasCpu);
    }
}
