// The AppHost runs PostgreSQL and the cache as local processes the Unix way: Linux and other Unix-likes only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
