using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Work;

public sealed class NotesApiTests(WorkDesk desk) : IClassFixture<WorkDesk>
{
    [Fact]
    public async Task AddNote_IsListedWithItsAuthor_RecordedAndPushed_ButNeverAMessageNorTheLastMessage()
    {
        var (account, _) = await desk.AccountAsync();
        var (agentId, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account, agentId);
        var before = await desk.InteractionAsync(id);

        var created = await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes", new { text = "  Called the customer back  " }), HttpStatusCode.Created);

        var notes = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}/notes");
        var note = Assert.Single(notes.EnumerateArray());
        Assert.Equal("Called the customer back", note.GetProperty("text").GetString());
        Assert.Equal(agentId, note.GetProperty("authorUserId").GetInt32());
        Assert.Equal(created.GetProperty("id").GetInt64(), note.GetProperty("id").GetInt64());
        var after = await desk.InteractionAsync(id);
        Assert.Equal((before.LastMessagePreview, before.LastMessageAt, before.UnreadCount), (after.LastMessagePreview, after.LastMessageAt, after.UnreadCount));
        var detail = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions/{id}");
        Assert.Single(detail.GetProperty("messages").EnumerateArray());
        Assert.Contains(await desk.HistoryAsync(id), h => h.Action == "note-added" && h.ActorUserId == agentId);
        Assert.Contains(await desk.EventTypesAsync(id), e => e.StartsWith("NoteAdded:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddNote_NamingColleagues_MentionsThoseWhoCanSeeIt_InTheirMentionsListAndLive_UntilTheyOpenIt()
    {
        var (account, _) = await desk.AccountAsync();
        var (otherAccount, _) = await desk.AccountAsync();
        var (authorId, author) = await desk.UserAsync(account);
        var bobEmail = $"bob.{Guid.NewGuid().ToString("N")[..8]}@example.test";
        var (bobId, bob) = await desk.Server.CreateUserAsync(desk.Admin, email: bobEmail);
        (await desk.Admin.PostAsync($"/api/accounts/{account}/members/{bobId}", null)).EnsureSuccessStatusCode();
        var outsiderEmail = $"out.{Guid.NewGuid().ToString("N")[..8]}@example.test";
        var (outsiderId, outsider) = await desk.Server.CreateUserAsync(desk.Admin, email: outsiderEmail);
        (await desk.Admin.PostAsync($"/api/accounts/{otherAccount}/members/{outsiderId}", null)).EnsureSuccessStatusCode();
        var id = await desk.CustomerWritesAsync(account, authorId);

        var local = bobEmail.Split('@')[0];
        await WorkDesk.JsonAsync(await author.PostAsJsonAsync($"/api/interactions/{id}/notes",
            new { text = $"@{local} can you check the invoice? cc @{outsiderEmail.Split('@')[0]}, write to {bobEmail}" }), HttpStatusCode.Created);

        var mentions = await desk.DbAsync(db => db.Mentions.Where(m => m.InteractionId == id).Select(m => m.UserId).ToListAsync());
        Assert.Equal([bobId], mentions);
        var bobsList = await bob.GetFromJsonAsync<JsonElement>("/api/interactions?scope=mentions");
        Assert.Equal([id], bobsList.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Empty((await author.GetFromJsonAsync<JsonElement>("/api/interactions?scope=mentions")).EnumerateArray());
        Assert.Single(await desk.EventTypesAsync(id), e => e.StartsWith("MentionAdded:", StringComparison.Ordinal) && e.Contains($"\"userId\":{bobId},", StringComparison.Ordinal));
        Assert.Equal(1, await UnseenMentionsAsync(bob));

        (await bob.PostAsync($"/api/interactions/{id}/mentions/seen", null)).EnsureSuccessStatusCode();
        Assert.Equal(0, await UnseenMentionsAsync(bob));
        Assert.Equal([id], (await bob.GetFromJsonAsync<JsonElement>("/api/interactions?scope=mentions")).EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsync($"/api/interactions/{id}/mentions/seen", null)).StatusCode);
    }

    private static async Task<int> UnseenMentionsAsync(HttpClient user) =>
        (await user.GetFromJsonAsync<JsonElement>("/api/mentions")).GetProperty("unseen").GetInt32();

    [Fact]
    public async Task QuickSearch_FindsANotesText_OnlyForThoseWhoCanSeeTheInteraction()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, stranger) = await desk.UserAsync((await desk.AccountAsync()).Id);
        var id = await desk.CustomerWritesAsync(account);
        var word = "zebra" + Guid.NewGuid().ToString("N")[..6];
        await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes", new { text = $"Customer's {word} refund promised" }), HttpStatusCode.Created);

        var found = await agent.GetFromJsonAsync<JsonElement>($"/api/interactions?q={word.ToUpperInvariant()}+refund");
        Assert.Equal([id], found.EnumerateArray().Select(r => r.GetProperty("id").GetInt64()));
        Assert.Empty((await stranger.GetFromJsonAsync<JsonElement>($"/api/interactions?q={word}")).EnumerateArray());
    }

    [Fact]
    public async Task AddNote_WithAnUploadedFile_KeepsTheFileDownloadable()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        var bytes = "call log 12:03"u8.ToArray();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "log.txt" } };
        var upload = await WorkDesk.JsonAsync(await agent.PostAsync("/api/uploads", form), HttpStatusCode.OK);

        var note = await WorkDesk.JsonAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes", new
        {
            text = "see attached",
            attachment = new { uploadId = upload.GetProperty("uploadId").GetString(), fileName = "log.txt", contentType = "text/plain" },
        }), HttpStatusCode.Created);

        Assert.Equal("log.txt", note.GetProperty("attachment").GetProperty("fileName").GetString());
        Assert.Equal(bytes, await agent.GetByteArrayAsync($"/api/notes/{note.GetProperty("id").GetInt64()}/file"));
    }

    [Fact]
    public async Task AddNote_WithoutTextOrWithAnUnknownUpload_Answers400NamingTheField()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes", new { text = "   " }), "text");
        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes",
            new { text = "x", attachment = new { uploadId = new string('a', 64), fileName = "a.txt" } }), "attachment.uploadId");
    }

    [Fact]
    public async Task AddNote_WithAnotherUsersUploadOrABlobsBareHash_Answers400_SoNoOtherFileCanBeRead()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var (_, other) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("secret"u8.ToArray()), "file", "secret.txt" } };
        var uploadId = (await WorkDesk.JsonAsync(await other.PostAsync("/api/uploads", form), HttpStatusCode.OK)).GetProperty("uploadId").GetString();
        var rawSha = await desk.DbAsync(db => db.Messages.Where(m => m.InteractionId == id).Select(m => m.RawSha256).FirstAsync());

        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes",
            new { text = "x", attachment = new { uploadId, fileName = "a.txt" } }), "attachment.uploadId");
        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes",
            new { text = "x", attachment = new { uploadId = rawSha, fileName = "a.eml" } }), "attachment.uploadId");
    }

    [Fact]
    public async Task AddNote_WithALineBreakInTheFilesContentType_Answers400NamingTheField()
    {
        var (account, _) = await desk.AccountAsync();
        var (_, agent) = await desk.UserAsync(account);
        var id = await desk.CustomerWritesAsync(account);
        using var form = new MultipartFormDataContent { { new ByteArrayContent("x"u8.ToArray()), "file", "a.txt" } };
        var uploadId = (await WorkDesk.JsonAsync(await agent.PostAsync("/api/uploads", form), HttpStatusCode.OK)).GetProperty("uploadId").GetString();

        // Stored, it would break every download of the file: the type goes back out in a header.
        await WorkDesk.BadRequestNamingAsync(await agent.PostAsJsonAsync($"/api/interactions/{id}/notes",
            new { text = "x", attachment = new { uploadId, fileName = "a.txt", contentType = "text/plain\r\nX-Injected: 1" } }), "attachment.contentType");
    }

    [Fact]
    public async Task Notes_ForAnAgentOfAnotherAccount_Are404_ButASupervisorMemberSpyingMayAddOne()
    {
        var (account, _) = await desk.AccountAsync();
        var (other, _) = await desk.AccountAsync();
        var (_, outsider) = await desk.UserAsync(other);
        var (supervisorId, supervisor) = await desk.UserAsync(account, "supervisor");
        var id = await desk.CustomerWritesAsync(account);

        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PostAsJsonAsync($"/api/interactions/{id}/notes", new { text = "hi" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/interactions/{id}/notes")).StatusCode);
        await WorkDesk.JsonAsync(await supervisor.PostAsJsonAsync($"/api/interactions/{id}/notes", new { text = "Please offer a refund" }), HttpStatusCode.Created);
        Assert.Contains(await desk.HistoryAsync(id), h => h.Action == "note-added" && h.ActorUserId == supervisorId);
    }
}
