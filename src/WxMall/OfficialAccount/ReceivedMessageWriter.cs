using Microsoft.EntityFrameworkCore;
using WxMall.Data;

namespace WxMall.OfficialAccount;

/// <summary>
/// Saves pushed messages in batches (one commit for every push waiting at that moment). A duplicate breaks the batch's
/// unique index; the batch is then written one message at a time and only the duplicate fails.
/// </summary>
public sealed partial class ReceivedMessageWriter(IServiceScopeFactory scopes, IWriteGate writeGate, ILogger<ReceivedMessageWriter> logger)
    : BatchWriter<ReceivedMessage, long>(logger)
{
    private Insert? inserts;

    /// <summary>
    /// Most records are of keyword answers that nobody waits for; gathering them for a few milliseconds turns a
    /// commit per message or two into one per dozens. The desk path, which waits, barely notices next to the bot.
    /// </summary>
    protected override TimeSpan Linger => TimeSpan.FromMilliseconds(10);

    /// <summary>
    /// Records an answered push without waiting for the commit. When an earlier try of the same push is already
    /// recorded (a retry that reached another instance, or came after a restart), the unique index keeps the first
    /// record and this one is dropped.
    /// </summary>
    public async ValueTask RecordAsync(ReceivedMessage message, CancellationToken cancellationToken)
    {
        var written = await QueueAsync(message, cancellationToken);
        _ = ObserveAsync(written, message.DeduplicationKey);
    }

    private async Task ObserveAsync(Task<long> written, string deduplicationKey)
    {
        try
        {
            await written;
        }
        catch (Exception exception)
        {
            if (exception is DbUpdateException && await AlreadyRecordedAsync(deduplicationKey))
            {
                return;
            }

            LogNotRecorded(logger, exception, deduplicationKey);
        }
    }

    private async Task<bool> AlreadyRecordedAsync(string deduplicationKey)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<MallDb>().ReceivedMessages.AnyAsync(m => m.DeduplicationKey == deduplicationKey);
        }
        catch (Exception)
        {
            return false; // the caller logs the write's own failure
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Pushed message {DeduplicationKey} was answered but could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, string deduplicationKey);

    /// <summary>
    /// One prepared INSERT … RETURNING per message inside one transaction, not SaveChanges: at thousands of messages a
    /// second, EF's change tracking and command building were a fifth of the store's CPU. Table, column names and
    /// value conversions (DateTimeOffset as unix milliseconds) still come from the EF model, so both providers match
    /// the migrations. A unique-key violation surfaces as <see cref="DbUpdateException"/>, as from SaveChanges.
    /// </summary>
    protected override async Task<IReadOnlyList<long>> WriteBatchAsync(IReadOnlyList<ReceivedMessage> batch, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MallDb>();
        var insert = inserts ??= Insert.For(db);
        var ids = new List<long>(batch.Count);
        await using (await writeGate.EnterAsync(WritePriority.Background, cancellationToken))
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                var connection = db.Database.GetDbConnection();
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = insert.Sql;
                foreach (var message in batch)
                {
                    insert.Bind(command, message);
                    ids.Add(Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture));
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (System.Data.Common.DbException exception)
            {
                throw new DbUpdateException($"Recording {batch.Count} pushed message(s) failed: {exception.Message}", exception);
            }
            finally
            {
                await db.Database.CloseConnectionAsync();
            }
        }

        return ids;
    }

    private sealed class Insert(string sql, IReadOnlyList<(string Name, Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping Mapping, Func<ReceivedMessage, object?> Value)> columns)
    {
        public string Sql { get; } = sql;

        public static Insert For(MallDb db)
        {
            var entity = db.Model.FindEntityType(typeof(ReceivedMessage))!;
            var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var values = new (string Property, Func<ReceivedMessage, object?> Value)[]
            {
                (nameof(ReceivedMessage.DeduplicationKey), m => m.DeduplicationKey), (nameof(ReceivedMessage.OpenId), m => m.OpenId),
                (nameof(ReceivedMessage.MessageType), m => m.MessageType), (nameof(ReceivedMessage.EventName), m => m.EventName),
                (nameof(ReceivedMessage.Content), m => m.Content), (nameof(ReceivedMessage.ReceivedAt), m => m.ReceivedAt),
                (nameof(ReceivedMessage.AnsweredBy), m => m.AnsweredBy), (nameof(ReceivedMessage.RuleId), m => m.RuleId),
                (nameof(ReceivedMessage.ReplyXml), m => m.ReplyXml), (nameof(ReceivedMessage.RepliedAt), m => m.RepliedAt),
            };
            var columns = values.Select((v, index) =>
            {
                var property = entity.FindProperty(v.Property)!;
                return (Column: property.GetColumnName(table)!, Parameter: "@p" + index, Mapping: (Microsoft.EntityFrameworkCore.Storage.RelationalTypeMapping)property.GetRelationalTypeMapping(), v.Value);
            }).ToList();
            var id = entity.FindProperty(nameof(ReceivedMessage.Id))!.GetColumnName(table)!;
            var schema = entity.GetSchema() is { } name ? $"\"{name}\"." : string.Empty;
            var sql = $"INSERT INTO {schema}\"{table.Name}\" ({string.Join(", ", columns.Select(c => $"\"{c.Column}\""))}) " +
                $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter))}) RETURNING \"{id}\"";
            return new Insert(sql, [.. columns.Select(c => (c.Parameter, c.Mapping, c.Value))]);
        }

        public void Bind(System.Data.Common.DbCommand command, ReceivedMessage message)
        {
            command.Parameters.Clear();
            foreach (var (name, mapping, value) in columns)
            {
                command.Parameters.Add(mapping.CreateParameter(command, name, value(message), nullable: true));
            }
        }
    }
}
