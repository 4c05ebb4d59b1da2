using Db;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Tests.Infrastructure;

/// <summary>Opens connections and contexts on a test's database, and makes fresh databases on the shared server.</summary>
internal static class Database
{
    public static AppDbContext Context(string connectionString)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        options.UseAppDatabase(connectionString);
        return new AppDbContext(options.Options);
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public static async Task<List<string>> RowsAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join("|", Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? "NULL" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    /// <summary>The connection string of a database name that does not exist yet on the same server.</summary>
    public static string FreshDatabase(string serverConnectionString) =>
        new NpgsqlConnectionStringBuilder(serverConnectionString) { Database = $"test_{Guid.NewGuid():N}"[..20] }.ConnectionString;
}
