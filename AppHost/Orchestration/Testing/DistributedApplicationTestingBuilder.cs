using System.Reflection;

namespace AppHost.Orchestration.Testing;

/// <summary>
/// Runs an application model in tests, as Aspire.Hosting.Testing does: throw-away state, random ports,
/// nothing printed; disposing the application ends every process and deletes its data.
/// </summary>
public static class DistributedApplicationTestingBuilder
{
    /// <summary>Runs the AppHost's <c>Program</c> up to <c>Build()</c> and returns its builder, to adjust or build.</summary>
    public static async Task<DistributedApplicationBuilder> CreateAsync<TEntryPoint>(
        string[]? args = null, Action<DistributedApplicationOptions>? configure = null, CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
    {
        var assemblyName = Path.GetFileNameWithoutExtension(new TEntryPoint().TargetPath);
        var entryPoint = Assembly.Load(assemblyName).EntryPoint
            ?? throw new InvalidOperationException($"{assemblyName} has no entry point.");
        var hook = new TestingHook(TestOptions(configure), args ?? []);
        var failure = new TaskCompletionSource<Exception>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            using var installed = TestingHook.Install(hook);
            try
            {
                entryPoint.Invoke(null, entryPoint.GetParameters().Length == 0 ? null : [args ?? Array.Empty<string>()]);
                failure.TrySetResult(new InvalidOperationException($"{assemblyName}'s Program returned without calling Build()."));
            }
            catch (TargetInvocationException e) when (e.InnerException is EntryPointReleasedException)
            {
            }
            catch (TargetInvocationException e)
            {
                failure.TrySetResult(e.InnerException ?? e);
            }
        })
        { IsBackground = true, Name = $"{assemblyName} entry point" };
        thread.Start();

        var first = await Task.WhenAny(hook.BuilderReady.Task, failure.Task).WaitAsync(cancellationToken);
        return first == hook.BuilderReady.Task ? await hook.BuilderReady.Task : throw await failure.Task;
    }

    /// <summary>An empty model with the test options, for tests that build their own.</summary>
    public static DistributedApplicationBuilder Create(string[]? args = null, Action<DistributedApplicationOptions>? configure = null) =>
        new(args ?? [], TestOptions(configure));

    /// <summary>
    /// One call: run the AppHost's model, start it and wait until every resource is healthy or finished.
    /// Throws with the failing resources' reasons if one does not get there.
    /// </summary>
    public static async Task<DistributedApplication> StartAsync<TEntryPoint>(
        string[]? args = null, Action<DistributedApplicationOptions>? configure = null, CancellationToken cancellationToken = default)
        where TEntryPoint : IProjectMetadata, new()
    {
        var builder = await CreateAsync<TEntryPoint>(args, configure, cancellationToken);
        var app = builder.Build();
        try
        {
            await app.StartAsync(cancellationToken);
            await app.WaitForSettledAsync(cancellationToken);
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static DistributedApplicationOptions TestOptions(Action<DistributedApplicationOptions>? configure)
    {
        var options = new DistributedApplicationOptions
        {
            DeleteStateOnDispose = true,
            SharedSecretsFile = TestStateDirectories.SharedSecretsFile,
            RandomizePorts = true,
            EchoResourceOutput = Environment.GetEnvironmentVariable("APPHOST_TEST_ECHO") == "1",
        };
        configure?.Invoke(options);
        options.StateDirectory ??= TestStateDirectories.Create();
        return options;
    }
}
