using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Data;

namespace WxMall.Tests.Infrastructure;

/// <summary>
/// The whole store over HTTP on a real database: a fresh SQLite file per factory, or a fresh PostgreSQL
/// database when constructed with a connection string. Settings are applied with UseSetting so that code
/// reading configuration before Build() sees them.
/// </summary>
public class MallAppFactory : WebApplicationFactory<Program>
{
    public const string AdminPassword = "test-admin-password";
    public const string PersonalDataKey = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";
    private readonly string folder = Path.Combine(Path.GetTempPath(), "wxmall-tests", Guid.NewGuid().ToString("N"));

    public MallAppFactory()
        : this(postgresConnectionString: null)
    {
    }

    protected MallAppFactory(string? postgresConnectionString)
    {
        Directory.CreateDirectory(folder);
        PostgresConnectionString = postgresConnectionString;
    }

    public string? PostgresConnectionString { get; }

    public DatabaseProvider Provider => PostgresConnectionString is null ? DatabaseProvider.Sqlite : DatabaseProvider.PostgreSql;

    public string SqliteFile => Path.Combine(folder, "wxmall.db");

    /// <summary>Extra settings for a test class, applied on top of the defaults below.</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        var settings = new Dictionary<string, string>
        {
            ["Database:Provider"] = Provider.ToString(),
            ["Database:ConnectionString"] = PostgresConnectionString ?? $"Data Source={SqliteFile}",
            ["PersonalData:Key"] = PersonalDataKey,
            ["Admin:InitialAdmin:Password"] = AdminPassword,
            ["Messaging:ScheduledPollingInterval"] = "00:00:00.500",
            ["Messaging:RetryCooldowns:0"] = "00:00:00.050",
            ["Messaging:ScheduledRetries:0"] = "00:00:00.200",
            ["Messaging:ScheduledRetries:1"] = "00:00:00.200",
            ["Logging:LogLevel:Default"] = "Warning",

            // Parallel test hosts cannot all own the emulator's port; the sandbox has its own test class.
            ["WeChat:Mode"] = "Off",
        };
        foreach (var (key, value) in Settings)
        {
            settings[key] = value;
        }

        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public AsyncServiceScope Scope() => Services.CreateAsyncScope();

    /// <summary>Runs a query against the store's database in a fresh scope.</summary>
    public async Task<T> QueryAsync<T>(Func<MallDb, Task<T>> query)
    {
        await using var scope = Scope();
        return await query(scope.ServiceProvider.GetRequiredService<MallDb>());
    }

    public Shopper NewShopper() => new(CookieClient());

    /// <summary>A client that keeps cookies, aimed at the test server or, with Kestrel, at the real port.</summary>
    public HttpClient CookieClient()
    {
        StartServer();
        return CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, BaseAddress = ClientOptions.BaseAddress });
    }

    public async Task<HttpClient> StaffClientAsync(string userName = "admin", string password = AdminPassword)
    {
        var client = CookieClient();
        var response = await client.PostAsJsonAsync("/api/admin/login", new { userName, password });
        response.EnsureSuccessStatusCode();
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open by a background thread; the OS temp cleaner takes it.
            }
        }
    }
}
