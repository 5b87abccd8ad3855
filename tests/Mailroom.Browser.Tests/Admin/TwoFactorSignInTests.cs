using Mailroom.TestSupport;
using Microsoft.Playwright;
using static Mailroom.Browser.Tests.AdminApi;

namespace Mailroom.Browser.Tests.Admin;

/// <summary>
/// Issue 16, two-factor sign-in, by clicking: the administrator requires it for agents; an agent's next sign-in lands on
/// the set-up and nowhere else, scans the key into an app, turns it on and keeps the recovery codes; the sign-in after
/// that asks for the app's code, and the audit log shows each step.
/// </summary>
public sealed class TwoFactorSignInTests(BrowserSession session) : IClassFixture<BrowserSession>
{
    [Fact]
    public async Task RequiredForAgents_TheAgentSetsItUpOnFirstSignIn_AndNextTimeTypesTheCode()
    {
        var adminApi = await session.Server.AdminClientAsync();
        var email = $"otp{Guid.NewGuid():N}"[..12] + "@example.test";
        await session.Server.CreateUserAsync(adminApi, "agent", email);
        var admin = await session.SignedInPageAsync(MailroomApp.AdminEmail, MailroomApp.AdminPassword);
        await BrowserSession.OpenAsync(admin, "/admin/settings");
        await admin.CheckAsync("#require-2fa-agents");
        await admin.ClickAsync("#save-two-factor-policy");
        await Assertions.Expect(admin.Locator("#two-factor-policy-saved")).ToBeVisibleAsync();

        var agent = await session.SignedInPageAsync(email, Password);
        await agent.WaitForURLAsync("**/account/two-factor");
        await agent.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await Assertions.Expect(agent.Locator("#two-factor-required")).ToBeVisibleAsync();
        await BrowserSession.OpenAsync(agent, "/desktop");
        await agent.WaitForURLAsync("**/account/two-factor");
        await agent.Locator("#ui-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await agent.ClickAsync("#begin-two-factor");
        await Assertions.Expect(agent.Locator("#totp-qr svg")).ToBeVisibleAsync();
        var secret = (await agent.Locator("#totp-secret").InnerTextAsync()).Trim();
        await agent.FillAsync("#confirm-code", AuthenticatorApp.Code(secret, Now()));
        await agent.ClickAsync("#confirm-two-factor");
        await Assertions.Expect(agent.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await agent.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "two-factor-recovery-codes.png"), FullPage = true });
        await agent.ClickAsync("#continue");
        await agent.WaitForURLAsync("**/desktop");

        var again = await agent.Context.Browser!.NewPageAsync(new() { BaseURL = session.Server.BaseAddress.ToString() });
        await again.GotoAsync("/login", new() { WaitUntil = WaitUntilState.NetworkIdle });
        await again.FillAsync("#email", email);
        await again.FillAsync("#password", Password);
        await again.ClickAsync("#sign-in");
        await again.WaitForURLAsync("**/login/code?**");
        await again.FillAsync("#code", "000000");
        await again.ClickAsync("#sign-in-code");
        await Assertions.Expect(again.Locator(".notice.error")).ToContainTextAsync("That code is not right");
        await again.FillAsync("#code", AuthenticatorApp.NextCode(secret, Now()));
        await again.ClickAsync("#sign-in-code");
        await again.WaitForURLAsync("**/desktop");

        await BrowserSession.OpenAsync(admin, "/admin/users");
        // Name, email, role, capacity, presence, two-factor.
        await Assertions.Expect(admin.Locator("#users tr", new() { HasText = email }).Locator("td").Nth(5)).ToHaveTextAsync("on");

        // The audit log tells the story, searched by the agent's address.
        await BrowserSession.OpenAsync(admin, "/admin/audit");
        await admin.FillAsync("#audit-q", email);
        await admin.ClickAsync("#audit-search-button");
        await Assertions.Expect(admin.Locator("#audit tr[data-action='two-factor on']")).ToHaveCountAsync(1);
        await Assertions.Expect(admin.Locator("#audit tr[data-action='sign-in failed']")).ToContainTextAsync("wrong second-factor code");
        await Assertions.Expect(admin.Locator("#audit tr[data-action='signed in']").First).ToContainTextAsync("password and second factor");
        await admin.ScreenshotAsync(new() { Path = Path.Combine(BrowserSession.ArtifactsDirectory, "admin-audit-log.png"), FullPage = true });
    }

    private static DateTime Now() => TimeProvider.System.GetUtcNow().UtcDateTime;
}
