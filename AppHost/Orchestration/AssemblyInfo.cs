// The engine drives processes through POSIX signals, setsid and setpriv: Linux (and other Unix-likes) only.
[assembly: System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
