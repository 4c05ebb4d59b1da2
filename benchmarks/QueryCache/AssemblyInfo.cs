// Drives the engine, which runs on Linux and other Unix-likes only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
