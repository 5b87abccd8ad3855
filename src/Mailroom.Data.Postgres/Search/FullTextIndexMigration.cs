using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mailroom.Data.Postgres.Search;

/// <summary>
/// Full-text indexes the model cannot express. Hand-written, outside <c>Migrations/</c> so regenerating "Initial"
/// leaves it alone, and ordered after any Initial by its id. The tsvector is a generated column, so PostgreSQL
/// keeps it in the same transaction as every write of a message, whoever writes it.
/// </summary>
[DbContext(typeof(MailroomDb))]
[Migration("99990101000000_FullTextIndex")]
public sealed class FullTextIndexMigration : Migration
{
    /// <summary>What contact search matches against, lower-cased: first name, last name and address.</summary>
    internal const string ContactText = """lower(coalesce("FirstName", '') || ' ' || coalesce("LastName", '') || ' ' || "Email")""";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        // Bodies are capped so one huge message cannot exceed the 1 MB tsvector limit and fail its insert.
        migrationBuilder.Sql("""
            ALTER TABLE "Messages" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
              to_tsvector('simple'::regconfig, coalesce("Subject", '') || ' ' || coalesce("FromName", '') || ' ' || "From" || ' '
                || left(coalesce("TextBody", ''), 200000))) STORED;
            CREATE INDEX "IX_Messages_SearchVector" ON "Messages" USING GIN ("SearchVector");
            CREATE EXTENSION IF NOT EXISTS pg_trgm;
            """);
        migrationBuilder.Sql($"""CREATE INDEX "IX_Contacts_SearchText" ON "Contacts" USING GIN (({ContactText}) gin_trgm_ops);""");
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            DROP INDEX IF EXISTS "IX_Contacts_SearchText";
            DROP INDEX IF EXISTS "IX_Messages_SearchVector";
            ALTER TABLE "Messages" DROP COLUMN IF EXISTS "SearchVector";
            """);
}
