// The AppHost runs PostgreSQL and the cache as local processes the Unix way, and the benchmarks read /proc: Linux only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
