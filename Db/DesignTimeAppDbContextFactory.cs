using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Db;

/// <summary>Lets <c>dotnet ef</c> build the model without a running AppHost.</summary>
public sealed class DesignTimeAppDbContextFactory : IDesignTimeDbContextFactory<AppDbContext>
{
    // `migrations add` never opens a connection, so a placeholder is enough; commands that do
    // (`database update`) take the same variable the AppHost hands to its services.
    private const string PlaceholderConnectionString = "Host=localhost;Database=appdb;Username=postgres";

    public AppDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__appdb");
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAppDatabase(string.IsNullOrWhiteSpace(connectionString) ? PlaceholderConnectionString : connectionString);
        return new AppDbContext(options.Options);
    }
}
