namespace AppHost.Orchestration;

/// <summary>
/// Lets the testing harness run the AppHost's own <c>Program</c> and take the model it builds: on the harness's
/// thread, <c>CreateBuilder</c> applies test options and <c>Build()</c> hands the builder over instead of running it.
/// </summary>
internal sealed class TestingHook(DistributedApplicationOptions options, string[] extraArgs)
{
    private static readonly AsyncLocal<TestingHook?> CurrentHook = new();

    public static TestingHook? Current => CurrentHook.Value;

    public TaskCompletionSource<DistributedApplicationBuilder> BuilderReady { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static IDisposable Install(TestingHook hook)
    {
        CurrentHook.Value = hook;
        return new Uninstall();
    }

    public DistributedApplicationBuilder CreateBuilder(string[] args) => new([.. args, .. extraArgs], options);

    /// <summary>Runs on the entry point's thread: hand over the builder, park until the application is disposed.</summary>
    public DistributedApplication CaptureBuilder(DistributedApplicationBuilder builder)
    {
        builder.Disposed += () => released.TrySetResult();
        BuilderReady.TrySetResult(builder);

        // Blocking is fine: this is the entry point's own thread, which has nothing else to do.
        released.Task.Wait();
        throw new EntryPointReleasedException();
    }

    private sealed class Uninstall : IDisposable
    {
        public void Dispose() => CurrentHook.Value = null;
    }
}

/// <summary>Ends the AppHost entry point the harness borrowed once its application is disposed.</summary>
internal sealed class EntryPointReleasedException() : Exception("The testing harness released the AppHost entry point.");
