using Mailroom.Core;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;

namespace Mailroom.Bench.Search;

/// <summary>
/// Writes generated messages through the provider's fast path (prepared inserts in one transaction on SQLite,
/// binary COPY on PostgreSQL). The full-text triggers and the generated tsvector column still run per row.
/// </summary>
internal static class BulkMessages
{
    private static readonly string[] Names = ["$i", "$a", "$d", "$k", "$f", "$t", "$s", "$b", "$r", "$c"];

    public static async Task WriteAsync(MailroomDb db, DatabaseProvider provider, IReadOnlyList<Message> messages)
    {
        await db.Database.OpenConnectionAsync();
        var connection = db.Database.GetDbConnection();
        if (provider == DatabaseProvider.Postgres)
        {
            await using var copy = await ((NpgsqlConnection)connection).BeginBinaryImportAsync(
                """COPY "Messages" ("InteractionId", "AccountId", "Direction", "Kind", "From", "To", "Cc", "Bcc", "Subject", "TextBody", "RawSha256", "RawSize", "AddressedAs", "IsAutomatic", "CreatedAt") FROM STDIN (FORMAT BINARY)""");
            foreach (var m in messages)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync(m.InteractionId, NpgsqlDbType.Bigint);
                await copy.WriteAsync(m.AccountId, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)m.Direction, NpgsqlDbType.Integer);
                await copy.WriteAsync((int)m.Kind, NpgsqlDbType.Integer);
                await copy.WriteAsync(m.From, NpgsqlDbType.Text);
                await copy.WriteAsync(m.To, NpgsqlDbType.Text);
                await copy.WriteAsync("", NpgsqlDbType.Text);
                await copy.WriteAsync("", NpgsqlDbType.Text);
                await copy.WriteAsync(m.Subject, NpgsqlDbType.Text);
                await copy.WriteAsync(m.TextBody, NpgsqlDbType.Text);
                await copy.WriteAsync(m.RawSha256, NpgsqlDbType.Text);
                await copy.WriteAsync(0L, NpgsqlDbType.Bigint);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(false, NpgsqlDbType.Boolean);
                await copy.WriteAsync(m.CreatedAt, NpgsqlDbType.TimestampTz);
            }

            await copy.CompleteAsync();
            return;
        }

        await using var transaction = await connection.BeginTransactionAsync();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Messages (InteractionId, AccountId, Direction, Kind, "From", "To", Cc, Bcc, Subject, TextBody, RawSha256, RawSize, AddressedAs, IsAutomatic, CreatedAt)
            VALUES ($i, $a, $d, $k, $f, $t, '', '', $s, $b, $r, 0, 0, 0, $c)
            """;
        var p = Names.Select(n =>
        {
            var parameter = new SqliteParameter { ParameterName = n };
            insert.Parameters.Add(parameter);
            return parameter;
        }).ToArray();
        foreach (var m in messages)
        {
            (p[0].Value, p[1].Value, p[2].Value, p[3].Value, p[4].Value) = (m.InteractionId, m.AccountId, (int)m.Direction, (int)m.Kind, m.From);
            (p[5].Value, p[6].Value, p[7].Value, p[8].Value, p[9].Value) = (m.To, m.Subject, m.TextBody, m.RawSha256, m.CreatedAt);
            await insert.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
