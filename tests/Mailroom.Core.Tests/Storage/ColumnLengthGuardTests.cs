using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Mailroom.Core.Tags;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Storage;

public sealed class ColumnLengthGuardTests
{
    [Fact]
    public async Task Save_TextLongerThanItsColumn_FailsNamingTheFieldAndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = Guarded(database);
        db.Tags.Add(new Tag { Name = new string('x', 51), Color = "#abcdef" });

        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() => db.SaveChangesAsync());

        Assert.Equal(["name"], failure.Errors.Keys);
        Assert.Contains("at most 50 characters", failure.Errors["name"][0], StringComparison.Ordinal);
        await using var fresh = database.NewContext();
        Assert.Equal(0, await fresh.Tags.CountAsync());
    }

    [Fact]
    public async Task Save_AChangeToARowAlreadyStored_IsCheckedToo()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = Guarded(database);
        var tag = db.Tags.Add(new Tag { Name = "billing", Color = "#abcdef" }).Entity;
        await db.SaveChangesAsync();

        tag.Color = "#abcdef-and-more";

        Assert.Equal(["color"], (await Assert.ThrowsAsync<ValidationFailedException>(() => db.SaveChangesAsync())).Errors.Keys);
    }

    private static MailroomDb Guarded(TestDatabase database)
    {
        var builder = new DbContextOptionsBuilder<MailroomDb>();
        database.Configure(builder);
        return new MailroomDb(builder.AddInterceptors(new ColumnLengthGuard()).Options);
    }
}
