// Signals, process groups and /proc: Linux only (the AppHost's local servers are Unix-only as well).
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
