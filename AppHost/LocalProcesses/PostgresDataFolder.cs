using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;

namespace AppHost.LocalProcesses;

/// <summary>
/// A server's data folder: made by <c>initdb</c> on first use with the generated password and scram-sha-256 (as
/// Aspire's container is), owned by the <c>postgres</c> OS user when the AppHost runs as root, since PostgreSQL
/// refuses to run as root. Throw-away folders (test apps) are copies of a template made once by initdb: a ready copy
/// renamed into place (<see cref="TemplateSpares"/>) or a fresh copy, 0.2 to 1 s against initdb's 1 to 2 s.
/// </summary>
internal sealed class PostgresDataFolder(string path, string? osUser)
{
    private static readonly string TemplateRoot = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "aspire-postgres-templates");

    public string Path { get; } = path;

    public bool IsInitialized => File.Exists(System.IO.Path.Combine(Path, "PG_VERSION"));

    /// <summary>Makes the folder if it holds no cluster yet; true when initdb made a new one.</summary>
    public async Task<bool> EnsureInitializedAsync(PostgresInstallation installation, string superUser, string password, bool fromTemplate, CancellationToken cancellationToken)
    {
        if (IsInitialized)
        {
            return false;
        }

        var parent = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(parent);
        if (Directory.Exists(Path))
        {
            // Half made by an interrupted initdb, which refuses a folder that is not empty.
            Directory.Delete(Path, recursive: true);
        }

        if (osUser is not null)
        {
            MakeReachable(parent);
        }

        if (!fromTemplate)
        {
            await InitDbAsync(Path, installation, superUser, password, cancellationToken);
            return true;
        }

        var template = await TemplateAsync(installation, superUser, password, cancellationToken);
        if (!TemplateSpares.TryClaim(template, Path))
        {
            await RunAsync("cp", ["-a", template, Path], cancellationToken);
        }

        TemplateSpares.Replenish(template);
        return false;
    }

    /// <summary>One template per installation, user and password; made once, atomically, even by parallel test runs.</summary>
    private async Task<string> TemplateAsync(PostgresInstallation installation, string superUser, string password, CancellationToken cancellationToken)
    {
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{installation.BinDirectory}\n{superUser}\n{password}\n{osUser}")))[..16];
        var template = System.IO.Path.Combine(TemplateRoot, key);
        if (File.Exists(System.IO.Path.Combine(template, "PG_VERSION")))
        {
            return template;
        }

        Directory.CreateDirectory(TemplateRoot);
        if (osUser is not null)
        {
            MakeReachable(TemplateRoot);
        }

        var building = $"{template}.building-{Guid.NewGuid():N}";
        await InitDbAsync(building, installation, superUser, password, cancellationToken);
        try
        {
            Directory.Move(building, template);
        }
        catch (IOException) when (Directory.Exists(template))
        {
            // Another run finished the same template first: use theirs.
            Directory.Delete(building, recursive: true);
        }

        return template;
    }

    private async Task InitDbAsync(string target, PostgresInstallation installation, string superUser, string password, CancellationToken cancellationToken)
    {
        var parent = System.IO.Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(target);

        // The password reaches initdb through a file only its owner can read, never a command line others can see.
        var passwordFile = System.IO.Path.Combine(parent, $".pwfile-{Guid.NewGuid():N}");
        await PrivateFile.WriteAsync(passwordFile, password, cancellationToken);
        try
        {
            if (osUser is not null)
            {
                await RunAsync("chown", [osUser, target, passwordFile], cancellationToken);
            }

            string[] initdb =
            [
                installation.InitDb, "-D", target, "-U", superUser, $"--pwfile={passwordFile}",
                "--auth=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync", "--no-instructions",
            ];
            await RunAsync(
                osUser is null ? initdb[0] : "setpriv",
                osUser is null ? initdb[1..] : [.. OsUserSwitch.Arguments(osUser), .. initdb],
                cancellationToken);
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// The postgres OS user must be able to walk down to the data folder: folders on the way that others cannot
    /// traverse (mktemp's 700, /root) get the execute bit only, which lets it pass but not list them.
    /// </summary>
    private static void MakeReachable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        for (var current = new DirectoryInfo(directory); current is not null; current = current.Parent)
        {
            var mode = File.GetUnixFileMode(current.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                File.SetUnixFileMode(current.FullName, mode | UnixFileMode.OtherExecute);
            }
        }
    }

    private static async Task RunAsync(string fileName, string[] args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            var message = (await error).Trim() is { Length: > 0 } e ? e : (await output).Trim();
            throw new DistributedApplicationException($"{System.IO.Path.GetFileName(fileName)} failed: {message.ReplaceLineEndings(" ")}");
        }
    }
}
