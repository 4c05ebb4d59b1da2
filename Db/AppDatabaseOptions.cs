using Db.Timestamps;
using Microsoft.EntityFrameworkCore;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;
using Npgsql;

namespace Db;

/// <summary>
/// The one way to point an <see cref="AppDbContext"/> at PostgreSQL, so the Api, the migration service and
/// the design-time factory all build the same model.
/// </summary>
public static class AppDatabaseOptions
{
    private static readonly TimestampsInterceptor Timestamps = new(TimeProvider.System);

    public static DbContextOptionsBuilder UseAppDatabase(this DbContextOptionsBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(connectionString, ConfigureNpgsql).UseAppConventions();
    }

    public static DbContextOptionsBuilder UseAppDatabase(this DbContextOptionsBuilder builder, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(dataSource, ConfigureNpgsql).UseAppConventions();
    }

    /// <summary>
    /// The same settings on a builder whose Npgsql provider and connection someone else set up (Aspire's
    /// <c>AddNpgsqlDbContext</c> in the migration worker).
    /// </summary>
    public static DbContextOptionsBuilder UseAppDatabaseConventions(this DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseNpgsql(ConfigureNpgsql).UseAppConventions();
    }

    /// <summary>
    /// The model compiled ahead of time (<c>Db/CompiledModel</c>, written by <c>dotnet ef dbcontext optimize</c>):
    /// a context starts without running EF Core's model building, about 0.3 s of CPU per context type on first use.
    /// <c>CompiledModelTests</c> fails when the compiled model no longer matches the entities.
    /// </summary>
    public static DbContextOptionsBuilder UseCompiledModel(this DbContextOptionsBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.UseModel(CompiledModel.AppDbContextModel.Instance);
    }

    private static void ConfigureNpgsql(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsAssembly(typeof(AppDbContext).Assembly.GetName().Name);

    private static DbContextOptionsBuilder UseAppConventions(this DbContextOptionsBuilder builder) =>
        builder.UseSnakeCaseNamingConvention().AddInterceptors(Timestamps);
}
