namespace MigrationService.Targets;

/// <summary>
/// Picks the database: <c>DATABASE_URL</c>, else <c>ConnectionStrings__appdb</c> (as the AppHost injects it), else,
/// for dev only, the local AppHost's database. Staging and prod must be named in the environment or an env file.
/// </summary>
internal static class TargetResolver
{
    public static DatabaseTarget Resolve(string? environmentOption)
    {
        var environment = DeploymentEnvironments.Select(environmentOption);
        var root = RepositoryRoot.Find();
        var files = EnvironmentFiles.Load(root ?? Directory.GetCurrentDirectory(), environment);

        if (files.Get(DatabaseUrl.Variable) is { } url)
        {
            return new DatabaseTarget(environment, DatabaseUrl.Parse(url.Value).ConnectionString, $"{DatabaseUrl.Variable} in {url.Source}");
        }

        if (files.Get(AppDbConnectionString.EnvironmentVariable) is { } connectionString)
        {
            return new DatabaseTarget(environment, AppDbConnectionString.Validate(connectionString.Value), $"{AppDbConnectionString.EnvironmentVariable} in {connectionString.Source}");
        }

        if (environment.IsRemote())
        {
            throw new CommandFailure(
                $"no database for {environment.Name()}: set {DatabaseUrl.Variable} in .env.{environment.Name()}.local (kept out of git) or in the environment.",
                CommandFailure.Usage);
        }

        return new DatabaseTarget(environment, LocalAppHostDatabase.Find(root), "the local AppHost");
    }
}
