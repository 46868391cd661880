using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WxMall.Admin;
using WxMall.Data;
using WxMall.Tests.Infrastructure;

namespace WxMall.Tests.Data;

/// <summary>Units of work sharing one transaction: a failing unit is rolled back alone and its caller alone sees why.</summary>
public sealed class SharedWritesTests
{
    [Fact]
    public async Task On_sqlite_a_failing_unit_leaves_nothing_and_the_others_commit()
    {
        await using var app = new MallAppFactory();
        await ProveAsync(app);
    }

    [Fact]
    public async Task On_postgresql_a_failing_unit_leaves_nothing_and_the_others_commit()
    {
        await using var app = await PostgresMallAppFactory.CreateAsync();
        await ProveAsync(app);
    }

    private static async Task ProveAsync(MallAppFactory app)
    {
        using var client = app.CreateClient();
        var writes = app.Services.GetRequiredService<SharedWrites>();
        var gate = app.Services.GetRequiredService<IWriteGate>();
        var run = Guid.NewGuid().ToString("N");

        // Holding the writer gate queues every unit, so on SQLite they all share one transaction.
        Task[] units;
        await using (await gate.EnterAsync(CancellationToken.None))
        {
            units = Enumerable.Range(0, 30).Select(index => writes.RunAsync(async (db, ct) =>
            {
                db.AuditLog.Add(new AuditEntry { At = DateTimeOffset.UtcNow, Actor = "test", Action = run, Target = index.ToString(System.Globalization.CultureInfo.InvariantCulture) });
                switch (index % 3)
                {
                    case 1:
                        // Written to the database inside the shared transaction, then refused.
                        await db.SaveChangesAsync(ct);
                        throw new InvalidOperationException("unit " + index + " refused after writing");
                    case 2:
                        // Refused with its row still pending: a later unit's save must not write it.
                        throw new InvalidOperationException("unit " + index + " refused before saving");
                }
            }, CancellationToken.None)).ToArray();

            await Task.Delay(100);
        }

        for (var index = 0; index < units.Length; index++)
        {
            if (index % 3 == 0)
            {
                await units[index];
            }
            else
            {
                var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => units[index]);
                Assert.StartsWith("unit " + index + " ", refusal.Message, StringComparison.Ordinal);
            }
        }

        var written = await app.QueryAsync(db => db.AuditLog.Where(a => a.Action == run).Select(a => a.Target).ToListAsync());
        var expected = Enumerable.Range(0, 30).Where(index => index % 3 == 0).Select(index => index.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(expected.Order(), written.Order());
    }
}
