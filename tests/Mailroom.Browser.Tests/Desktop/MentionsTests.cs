using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Desktop;

/// <summary>
/// Issue 19: "@bob" in a note — picked from the colleagues suggested while typing — tells Bob at once, puts the
/// interaction in his Mentions, and notes are searchable.
/// </summary>
public sealed class MentionsTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task NoteNamingAColleague_ToastsThemLive_FillsTheirMentions_AndItsTextIsFoundBySearch()
    {
        var admin = await session.Server.AdminClientAsync();
        var (account, _) = await TestAccounts.CreateWithKeyAsync(admin, "MN");
        var (_, aliceEmail) = await MemberAsync(session.Server, admin, account, "alice");
        var (_, bobEmail) = await MemberAsync(session.Server, admin, account, "bob");

        var subject = "Invoice question " + Guid.NewGuid().ToString("N")[..6];
        var interaction = await Seed.InteractionAsync(session.Server, account, subject);
        var bob = await session.SignedInPageAsync(bobEmail, Password);
        await BrowserSession.OpenAsync(bob, "/desktop");
        var alice = await session.SignedInPageAsync(aliceEmail, Password);
        await BrowserSession.OpenAsync(alice, "/desktop");
        await alice.ClickAsync($"#interactions li[data-id='{interaction}']");

        var word = "kiwi" + Guid.NewGuid().ToString("N")[..5];
        // Alice types the start of his address and picks him from the suggestions.
        await alice.FillAsync("#note-text", "Hi @" + bobEmail[..5]);
        await alice.Locator("#mention-suggestions button", new() { HasText = bobEmail }).ClickAsync();
        await Assertions.Expect(alice.Locator("#mention-suggestions")).ToHaveCountAsync(0);
        var completed = await alice.InputValueAsync("#note-text");
        Assert.Matches(@"^Hi @\S+ $", completed);
        await alice.FillAsync("#note-text", $"{completed}can you check the {word} invoice?");
        await alice.ClickAsync("#add-note");
        await Assertions.Expect(alice.Locator("article.timeline-note")).ToContainTextAsync(word);

        var toast = bob.Locator("#mention-toasts .toast");
        await Assertions.Expect(toast).ToContainTextAsync($"mentioned you in #{interaction}");
        await Assertions.Expect(toast).ToContainTextAsync(word);
        await Assertions.Expect(bob.Locator("#mentions-badge")).ToContainTextAsync("1");
        await bob.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "desktop-mention-toast.png") });

        await toast.GetByRole(AriaRole.Button, new() { Name = "Open" }).ClickAsync();
        await Assertions.Expect(bob.Locator(".thread-title")).ToContainTextAsync(subject);
        await Assertions.Expect(bob.Locator("#mentions-badge")).ToHaveCountAsync(0);
        await bob.SelectOptionAsync("#scope", "Mentions");
        await Assertions.Expect(bob.Locator("#interactions li.row")).ToHaveCountAsync(1);
        await Assertions.Expect(bob.Locator($"#interactions li[data-id='{interaction}']")).ToBeVisibleAsync();

        // Alice named nobody else: her own Mentions are empty. The note's words find the interaction.
        await alice.SelectOptionAsync("#scope", "Mentions");
        await Assertions.Expect(alice.Locator("#interactions li.row")).ToHaveCountAsync(0);
        await alice.SelectOptionAsync("#scope", "All");
        await alice.FillAsync("#quick-search", word);
        await alice.PressAsync("#quick-search", "Enter");
        await Assertions.Expect(alice.Locator("#interactions li.row")).ToHaveCountAsync(1);
        await Assertions.Expect(alice.Locator($"#interactions li[data-id='{interaction}']")).ToBeVisibleAsync();
    }
}
