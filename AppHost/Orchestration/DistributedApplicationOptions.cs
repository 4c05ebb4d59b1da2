namespace AppHost.Orchestration;

/// <summary>How the engine runs the model: where its state lives, which ports it takes, what it prints.</summary>
public sealed class DistributedApplicationOptions
{
    /// <summary>
    /// Folder for generated secrets, PostgreSQL data and the record of running processes.
    /// Defaults to <c>.state/</c> in the AppHost project folder.
    /// </summary>
    public string? StateDirectory { get; set; }

    /// <summary>
    /// Where generated secrets are looked up when the state folder has none, and saved to as well. Tests share one
    /// file so that every throw-away PostgreSQL has the same password and can be copied from one template.
    /// </summary>
    public string? SharedSecretsFile { get; set; }

    /// <summary>Delete <see cref="StateDirectory"/> when the application is disposed (tests' throw-away data).</summary>
    public bool DeleteStateOnDispose { get; set; }

    /// <summary>Ignore launch-profile and preferred ports: every endpoint takes a free port (tests run side by side).</summary>
    public bool RandomizePorts { get; set; }

    /// <summary>Echo every resource's console lines to the AppHost's console, prefixed with the resource name.</summary>
    public bool EchoResourceOutput { get; set; } = true;

    /// <summary>How long a resource gets between the stop signal and the kill of its whole process tree.</summary>
    public TimeSpan StopGracePeriod { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Console lines kept per resource for the dashboard and tests.</summary>
    public int ConsoleLinesKept { get; set; } = 2_000;

    /// <summary>How much telemetry the dashboard keeps (configuration section <c>AppHost:Telemetry</c>).</summary>
    public Telemetry.TelemetryLimits TelemetryLimits { get; set; } = new();

    /// <summary>Trade durability for speed in PostgreSQL (fsync off) when the data is thrown away anyway.</summary>
    internal bool ThrowAwayData => DeleteStateOnDispose;
}
