using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WxMall.Data;

// Used only by `dotnet ef migrations add`: one factory per provider, so each keeps its own migrations.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteMallDb>
{
    public SqliteMallDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteMallDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlMallDb>
{
    public PostgreSqlMallDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlMallDb>().UseNpgsql("Host=localhost;Database=wxmall_design").Options);
}
