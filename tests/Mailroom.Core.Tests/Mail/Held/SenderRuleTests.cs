using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Mail.Held;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Tests.Mail.Inbound;
using Mailroom.Core.Users;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Mail.Held;

/// <summary>Blocklist and allowlist through the real ingest path, and who may edit them.</summary>
public sealed class SenderRuleTests : IAsyncLifetime
{
    private IngestFixture _f = null!;

    public async Task InitializeAsync() => _f = await IngestFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    [Fact]
    public async Task Ingest_FromABlockedDomain_OrItsSubdomain_IsHeldAsBlocked_OtherSendersRoute()
    {
        await SetAsync("@Spammy.test", SenderRuleKind.Block);

        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Deal", "d1@spammy.test", from: "Deals <deals@spammy.test>")));
        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Deal", "d2@spammy.test", from: "x@mail.spammy.test")));
        Assert.Equal(IngestOutcome.Stored, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Order", "o1@customer.test")));
        // The rule is the support account's, not the sales account's.
        Assert.Equal(IngestOutcome.Stored, await _f.IngestAsync(_f.Sales, IngestFixture.Mail("Deal", "d3@spammy.test", from: "deals@spammy.test")));

        await using var db = _f.Database.NewContext();
        var held = await db.HeldMails.OrderBy(h => h.Id).ToListAsync();
        Assert.Equal([(HoldReason.Blocked, "spammy.test is on this account's blocklist")], held.Select(h => (h.Reason, h.Detail)).Distinct());
        Assert.Equal(2, held.Count);
    }

    [Fact]
    public async Task Ingest_AnAllowedSender_SkipsSpamAutomaticAndFloodHolds_ButAnAddressRuleBeatsItsDomainsRule()
    {
        await SetAsync("customer.test", SenderRuleKind.Allow);
        await SetAsync("mallory@customer.test", SenderRuleKind.Block);

        Assert.Equal(IngestOutcome.Stored, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Spammy?", "s1@customer.test", extraHeaders: "X-Spam-Flag: YES\r\n")));
        Assert.Equal(IngestOutcome.Stored, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Out of Office: Re: order", "a1@customer.test")));
        for (var i = 0; i < 12; i++)
        {
            Assert.Equal(IngestOutcome.Stored, await _f.IngestAsync(_f.Support, IngestFixture.Mail($"Many {i}", $"m{i}@customer.test")));
        }

        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Hi", "x@customer.test", from: "mallory@customer.test")));
        // A bounce is about our own mail: held whoever sends it.
        await SetAsync("example.test", SenderRuleKind.Allow);
        Assert.Equal(IngestOutcome.Held, await _f.IngestFileAsync(_f.Support, "bounce-postfix.eml"));
    }

    [Fact]
    public async Task Ingest_TheAccountsOwnFloodLimit_HoldsPastIt()
    {
        _f.Support.Hold = new HoldSettings { FloodLimit = 3, FloodWindowMinutes = 60 };
        var outcomes = new List<IngestOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await _f.IngestAsync(_f.Support, IngestFixture.Mail($"Loop {i}", $"l{i}@customer.test")));
            _f.Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal([IngestOutcome.Stored, IngestOutcome.Stored, IngestOutcome.Stored, IngestOutcome.Held, IngestOutcome.Held], outcomes);
        await using var db = _f.Database.NewContext();
        Assert.Equal("more than 3 messages from ann@customer.test within 60 minutes", (await db.HeldMails.FirstAsync()).Detail);
    }

    [Fact]
    public async Task Rules_AnAdministratorEdits_ASupervisorMemberReads_AnAgentNever()
    {
        var supervisor = await MemberAsync(Role.Supervisor);
        var agent = await MemberAsync(Role.Agent);
        await using var db = _f.Database.NewContext();
        var rules = new SenderRules(db, _f.Time);

        var rule = await rules.SetAsync(Actor.System, _f.Support.Id, new SenderRuleInput { Sender = " Ann@Customer.test ", Kind = SenderRuleKind.Allow }, default);
        Assert.Equal(("ann@customer.test", SenderRuleKind.Allow), (rule.Sender, rule.Kind));
        // The same sender again changes its kind, never a second rule.
        await rules.SetAsync(Actor.System, _f.Support.Id, new SenderRuleInput { Sender = "ann@customer.test", Kind = SenderRuleKind.Block }, default);
        Assert.Equal(SenderRuleKind.Block, Assert.Single(await rules.ListAsync(supervisor, _f.Support.Id, default)).Kind);

        await Assert.ThrowsAsync<ForbiddenException>(() => rules.SetAsync(supervisor, _f.Support.Id, new SenderRuleInput { Sender = "x.test" }, default));
        await Assert.ThrowsAsync<ForbiddenException>(() => rules.DeleteAsync(supervisor, _f.Support.Id, rule.Id, default));
        await Assert.ThrowsAsync<ForbiddenException>(() => rules.ListAsync(agent, _f.Support.Id, default));
        await Assert.ThrowsAsync<NotFoundException>(() => rules.ListAsync(supervisor, _f.Sales.Id, default));
        await rules.DeleteAsync(Actor.System, _f.Support.Id, rule.Id, default);
        Assert.Empty(await rules.ListAsync(supervisor, _f.Support.Id, default));
    }

    [Theory]
    [InlineData("", "sender")]
    [InlineData("not an address", "sender")]
    [InlineData("ann@", "sender")]
    [InlineData("localhost", "sender")]
    [InlineData("-bad-.test", "sender")]
    public async Task Rules_ABadSender_IsRefusedNamingTheField(string sender, string field)
    {
        await using var db = _f.Database.NewContext();
        var error = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            new SenderRules(db, _f.Time).SetAsync(Actor.System, _f.Support.Id, new SenderRuleInput { Sender = sender }, default));
        Assert.Equal([field], error.Errors.Keys);
    }

    [Fact]
    public async Task BlockSender_FromAHeldMessage_ASupervisorBlocksItsAddress_OrItsDomain_AnAgentMayNot()
    {
        await _f.IngestFileAsync(_f.Support, "out-of-office.eml");
        var supervisor = await MemberAsync(Role.Supervisor);
        var agent = await MemberAsync(Role.Agent);
        await using var db = _f.Database.NewContext();
        var held = await db.HeldMails.SingleAsync();
        var block = new BlockSender(db, _f.Time);

        await Assert.ThrowsAsync<ForbiddenException>(() => block.FromHeldAsync(agent, _f.Support.Id, held.Id, false, default));
        Assert.Equal("olivia@customer.test", (await block.FromHeldAsync(supervisor, _f.Support.Id, held.Id, false, default)).Sender);
        Assert.Equal("customer.test", (await block.FromHeldAsync(supervisor, _f.Support.Id, held.Id, true, default)).Sender);
        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, IngestFixture.Mail("A question", "q1@customer.test", from: "olivia@customer.test")));
    }

    [Fact]
    public async Task BlockSender_FromAReceivedMessage_PutsItsAddressOnTheAccountsBlocklist()
    {
        await _f.IngestAsync(_f.Support, IngestFixture.Mail("Order", "o1@customer.test"));
        var supervisor = await MemberAsync(Role.Supervisor);
        await using var db = _f.Database.NewContext();
        var message = await db.Messages.SingleAsync();

        var rule = await new BlockSender(db, _f.Time).FromMessageAsync(supervisor, message.Id, false, default);

        Assert.Equal((_f.Support.Id, "ann@customer.test", SenderRuleKind.Block), (rule.AccountId, rule.Sender, rule.Kind));
        Assert.Equal(IngestOutcome.Held, await _f.IngestAsync(_f.Support, IngestFixture.Mail("Again", "o2@customer.test")));
    }

    private async Task SetAsync(string sender, SenderRuleKind kind)
    {
        await using var db = _f.Database.NewContext();
        await new SenderRules(db, _f.Time).SetAsync(Actor.System, _f.Support.Id, new SenderRuleInput { Sender = sender, Kind = kind }, default);
    }

    private async Task<Actor> MemberAsync(Role role)
    {
        await using var db = _f.Database.NewContext();
        var user = db.Users.Add(new User { Email = $"{role}-{Guid.NewGuid():N}@example.test", DisplayName = role.ToString(), Role = role }).Entity;
        await db.SaveChangesAsync();
        db.AccountMembers.Add(new AccountMember { AccountId = _f.Support.Id, UserId = user.Id });
        await db.SaveChangesAsync();
        return new Actor(user.Id, role);
    }
}
