using System.Reflection.PortableExecutable;

namespace Tests.AppHost;

/// <summary>
/// The services the AppHost launches start from ReadyToRun images of their NuGet dependencies (Directory.Build.targets),
/// so no run JIT-compiles EF Core, Npgsql or OpenTelemetry again; their own assemblies stay plain IL for the debugger
/// and hot reload.
/// </summary>
public sealed class PrecompiledDependenciesTests
{
    public static TheoryData<string, string> Dependencies => new()
    {
        { new Projects.Api().TargetPath, "Microsoft.EntityFrameworkCore.dll" },
        { new Projects.Api().TargetPath, "Npgsql.dll" },
        { new Projects.Api().TargetPath, "StackExchange.Redis.dll" },
        { new Projects.Api().TargetPath, "OpenTelemetry.dll" },
        { new Projects.MigrationService().TargetPath, "Npgsql.dll" },
        { new Projects.MigrationService().TargetPath, "OpenTelemetry.Exporter.OpenTelemetryProtocol.dll" },
    };

    [Theory]
    [MemberData(nameof(Dependencies))]
    public void TheLaunchedBuildOutputHoldsAReadyToRunImageOfEachHeavyDependency(string targetPath, string dependency)
    {
        var path = Path.Combine(Path.GetDirectoryName(targetPath)!, dependency);

        Assert.True(IsReadyToRun(path), $"{path} is IL only: the build did not precompile it");
    }

    [Theory]
    [InlineData("Api")]
    [InlineData("MigrationService")]
    public void TheProjectsOwnAssemblyStaysIl(string project)
    {
        var targetPath = project == "Api" ? new Projects.Api().TargetPath : new Projects.MigrationService().TargetPath;

        Assert.False(IsReadyToRun(targetPath), $"{targetPath} was precompiled: edits would pay crossgen on every build");
    }

    private static bool IsReadyToRun(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        return reader.PEHeaders.CorHeader is { ManagedNativeHeaderDirectory.Size: > 0 };
    }
}
