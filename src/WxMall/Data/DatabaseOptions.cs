namespace WxMall.Data;

public enum DatabaseProvider
{
    Sqlite,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>SQLite: a file path or a full connection string. PostgreSQL: an Npgsql connection string.</summary>
    public string ConnectionString { get; set; } = "Data Source=data/wxmall.db";

    /// <summary>Apply pending migrations and seed data at start-up.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public bool SeedOnStartup { get; set; } = true;

    /// <summary>SQLite only: NORMAL (default; safe in WAL mode against a crash of the store) or FULL (fsync every commit).</summary>
    public string SqliteSynchronous { get; set; } = "NORMAL";

    /// <summary>The settings every SQLite connection of the store gets, the EF Core ones and Wolverine's alike.</summary>
    public SqlitePragmas CreateSqlitePragmas() => new(SqliteSynchronous is "FULL" or "Full" or "full" ? "FULL" : "NORMAL");
}
