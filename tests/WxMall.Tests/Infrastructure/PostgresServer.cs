using Npgsql;

namespace WxMall.Tests.Infrastructure;

/// <summary>
/// The PostgreSQL server the PostgreSQL suites run against, from <c>WXMALL_TEST_POSTGRES</c>
/// (for example <c>Host=127.0.0.1;Username=postgres;Password=postgres</c>; <c>.ci/run</c> sets it).
/// Each test gets a database of its own.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "WXMALL_TEST_POSTGRES";

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value ? value : null;

    /// <summary>Skips the calling test, saying why, when no server is configured.</summary>
    public static string RequireConnectionString()
    {
        if (ConnectionString is null)
        {
            Assert.Skip($"PostgreSQL suite skipped: no server configured. Set {Variable} to an Npgsql connection string of a user who may create databases (.ci/run does).");
        }

        return ConnectionString!;
    }

    public static async Task<string> CreateDatabaseAsync()
    {
        var server = RequireConnectionString();
        var name = "wxmall_test_" + Guid.NewGuid().ToString("N")[..12];
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = true, MaxPoolSize = 40 }.ConnectionString;
    }
}

/// <summary>A store on a fresh PostgreSQL database.</summary>
public sealed class PostgresMallAppFactory(string connectionString) : MallAppFactory(connectionString)
{
    public static async Task<PostgresMallAppFactory> CreateAsync() => new(await PostgresServer.CreateDatabaseAsync());
}
