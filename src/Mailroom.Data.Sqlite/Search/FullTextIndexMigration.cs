using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Mailroom.Data.Sqlite.Search;

/// <summary>
/// FTS5 indexes the model cannot express. Hand-written, outside <c>Migrations/</c> so regenerating "Initial"
/// leaves it alone, and ordered after any Initial by its id. Triggers keep the index in the same transaction as
/// every insert, update and (cascading) delete of a message or contact, whoever writes it.
/// </summary>
[DbContext(typeof(MailroomDb))]
[Migration("99990101000000_FullTextIndex")]
public sealed class FullTextIndexMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE MessageSearch USING fts5(Subject, TextBody, "From", FromName, content='Messages', content_rowid='Id');
            CREATE TRIGGER Messages_search_insert AFTER INSERT ON Messages BEGIN
              INSERT INTO MessageSearch(rowid, Subject, TextBody, "From", FromName) VALUES (new.Id, new.Subject, new.TextBody, new."From", new.FromName);
            END;
            CREATE TRIGGER Messages_search_delete AFTER DELETE ON Messages BEGIN
              INSERT INTO MessageSearch(MessageSearch, rowid, Subject, TextBody, "From", FromName) VALUES ('delete', old.Id, old.Subject, old.TextBody, old."From", old.FromName);
            END;
            CREATE TRIGGER Messages_search_update AFTER UPDATE OF Subject, TextBody, "From", FromName ON Messages BEGIN
              INSERT INTO MessageSearch(MessageSearch, rowid, Subject, TextBody, "From", FromName) VALUES ('delete', old.Id, old.Subject, old.TextBody, old."From", old.FromName);
              INSERT INTO MessageSearch(rowid, Subject, TextBody, "From", FromName) VALUES (new.Id, new.Subject, new.TextBody, new."From", new.FromName);
            END;
            INSERT INTO MessageSearch(MessageSearch) VALUES ('rebuild');

            CREATE VIRTUAL TABLE ContactSearch USING fts5(FirstName, LastName, Email, content='Contacts', content_rowid='Id', tokenize='trigram');
            CREATE TRIGGER Contacts_search_insert AFTER INSERT ON Contacts BEGIN
              INSERT INTO ContactSearch(rowid, FirstName, LastName, Email) VALUES (new.Id, new.FirstName, new.LastName, new.Email);
            END;
            CREATE TRIGGER Contacts_search_delete AFTER DELETE ON Contacts BEGIN
              INSERT INTO ContactSearch(ContactSearch, rowid, FirstName, LastName, Email) VALUES ('delete', old.Id, old.FirstName, old.LastName, old.Email);
            END;
            CREATE TRIGGER Contacts_search_update AFTER UPDATE OF FirstName, LastName, Email ON Contacts BEGIN
              INSERT INTO ContactSearch(ContactSearch, rowid, FirstName, LastName, Email) VALUES ('delete', old.Id, old.FirstName, old.LastName, old.Email);
              INSERT INTO ContactSearch(rowid, FirstName, LastName, Email) VALUES (new.Id, new.FirstName, new.LastName, new.Email);
            END;
            INSERT INTO ContactSearch(ContactSearch) VALUES ('rebuild');
            """);
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""
            DROP TRIGGER IF EXISTS Messages_search_insert; DROP TRIGGER IF EXISTS Messages_search_delete; DROP TRIGGER IF EXISTS Messages_search_update;
            DROP TABLE IF EXISTS MessageSearch;
            DROP TRIGGER IF EXISTS Contacts_search_insert; DROP TRIGGER IF EXISTS Contacts_search_delete; DROP TRIGGER IF EXISTS Contacts_search_update;
            DROP TABLE IF EXISTS ContactSearch;
            """);
}
