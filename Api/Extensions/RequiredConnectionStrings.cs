namespace Api.Extensions;

// The resources the AppHost must hand the API, by their resource names.
internal static class RequiredConnectionStrings
{
    public const string AppDb = "appdb";
    public const string Cache = "cache";

    // Checked before the host is built so that a bare `dotnet run` says what is missing in one
    // line, instead of failing on the first request or with a stack trace.
    public static bool AreSet(IConfiguration configuration, TextWriter errors)
    {
        var missing = new[] { AppDb, Cache }
            .Where(name => string.IsNullOrWhiteSpace(configuration.GetConnectionString(name)))
            .ToList();

        foreach (var name in missing)
        {
            errors.WriteLine(
                $"ConnectionStrings:{name} is not set. Run the app through the AppHost " +
                $"(dotnet run --project AppHost) or set ConnectionStrings__{name}.");
        }

        return missing.Count == 0;
    }

    public static string Get(IConfiguration configuration, string name) =>
        configuration.GetConnectionString(name)
        ?? throw new InvalidOperationException($"ConnectionStrings:{name} is not set.");
}
