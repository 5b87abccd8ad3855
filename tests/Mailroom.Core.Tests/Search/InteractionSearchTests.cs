using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Search;

/// <summary>Filters, quick search and advanced search on both providers, against <see cref="SearchData"/>.</summary>
public abstract class InteractionSearchTests(SearchFixture fixture)
{
    private static readonly Actor Admin = new(0, Role.Admin);

    public static TheoryData<string, string> QuickSearches()
    {
        var data = new TheoryData<string, string>();
        data.Add("kettle", "refund");                       // message text
        data.Add("THANKS", "delivery refund");              // common word, any case
        data.Add("invoice", "invoice");                     // subject and text
        data.Add("refu", "refund");                         // prefix while typing
        data.Add("order 2002", "invoice");                  // every word must match
        data.Add("Jane", "refund");                         // contact first name
        data.Add("smith", "delivery");                      // contact last name
        data.Add("jane.doe@customer.test", "refund");       // email address
        data.Add("doe@custo", "refund");                    // part of an address
        data.Add("nothing-like-this", "");

        return data;
    }

    [Theory]
    [MemberData(nameof(QuickSearches))]
    public async Task QuickSearch_FindsByEveryField(string query, string expected)
    {
        var found = await ListAsync(Admin, new InteractionFilter(Query: query));
        Assert.Equal(Names(expected), found);
    }

    [Fact]
    public async Task QuickSearch_ByInteractionId_FindsIt()
    {
        var data = fixture.Data;
        var found = await ListAsync(Admin, new InteractionFilter(Query: data.Delivery.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(data.Delivery, found);
    }

    public static TheoryData<string, string> Filters()
    {
        var data = new TheoryData<string, string>();
        data.Add("none", "invoice delivery refund");
        data.Add("open", "invoice refund");
        data.Add("closed", "delivery");
        data.Add("unread", "invoice refund");
        data.Add("read", "delivery");
        data.Add("mine", "refund");
        data.Add("unassigned", "delivery");
        data.Add("february", "delivery");
        data.Add("agent-bob", "invoice delivery");
        data.Add("queue", "refund");
        data.Add("account-sales", "invoice");
        data.Add("open+thanks", "refund");

        return data;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ListFilter_KeepsOnlyMatchingInteractions_NewestFirst(string filter, string expected)
    {
        var data = fixture.Data;
        var asAlice = new Actor(data.Alice, Role.Admin);
        var actor = filter == "mine" ? asAlice : Admin;
        var found = await ListAsync(actor, filter switch
        {
            "open" => new InteractionFilter(Status: InteractionStatus.Open),
            "closed" => new InteractionFilter(Status: InteractionStatus.Closed),
            "unread" => new InteractionFilter(Unread: true),
            "read" => new InteractionFilter(Unread: false),
            "mine" => new InteractionFilter(Scope: ListScope.Mine),
            "unassigned" => new InteractionFilter(Scope: ListScope.Unassigned),
            "february" => new InteractionFilter(StartedFrom: SearchData.Day2.AddDays(-1), StartedTo: SearchData.Day2.AddDays(1)),
            "agent-bob" => new InteractionFilter(AgentId: data.Bob),
            "queue" => new InteractionFilter(QueueId: data.Queue),
            "account-sales" => new InteractionFilter(AccountId: data.Sales),
            "open+thanks" => new InteractionFilter(Status: InteractionStatus.Open, Query: "thanks"),
            _ => new InteractionFilter(),
        });
        Assert.Equal(Names(expected), found);
    }

    [Fact]
    public async Task ListAndSearch_NeverShowAnotherAccount()
    {
        var data = fixture.Data;
        var alice = new Actor(data.Alice, Role.Agent);
        Assert.Equal(Names("delivery refund"), await ListAsync(alice, new InteractionFilter()));
        Assert.Empty(await ListAsync(alice, new InteractionFilter(Query: "invoice")));
        Assert.Empty(await ListAsync(alice, new InteractionFilter(Query: "zed@zzz.test")));
        Assert.Empty(await ListAsync(alice, new InteractionFilter(Query: data.Invoice.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Empty(await AdvancedAsync(alice, AdvancedSearch.All, new SearchCondition("subject", "contains", "invoice")));
        Assert.Empty(await AdvancedAsync(alice, AdvancedSearch.All, new SearchCondition("messageText", "contains", "invoice")));
    }

    public static TheoryData<string, string, string, string> Operators()
    {
        var data = new TheoryData<string, string, string, string>();
        data.Add("subject", "equals", "invoice COPY", "invoice");
        data.Add("subject", "notEquals", "invoice copy", "delivery refund");
        data.Add("subject", "contains", "ORDER", "refund");
        data.Add("subject", "startsWith", "deliv", "delivery");
        data.Add("subject", "endsWith", "1001", "refund");
        data.Add("contactFirstName", "isEmpty", "", "invoice");
        data.Add("contactLastName", "equals", "smith", "delivery");
        data.Add("contactEmail", "endsWith", "@zzz.test", "invoice");
        data.Add("account", "equals", "sal", "invoice");
        data.Add("agent", "startsWith", "alice", "refund");
        data.Add("agent", "isEmpty", "", "delivery");
        data.Add("messageText", "contains", "parcel", "delivery");
        data.Add("status", "equals", "closed", "delivery");
        data.Add("status", "notEquals", "closed", "invoice refund");
        data.Add("unreadCount", "greaterThan", "1", "invoice");
        data.Add("unreadCount", "lessThan", "1", "delivery");
        data.Add("createdAt", "greaterThan", "2026-02-01", "invoice delivery");
        data.Add("createdAt", "lessThan", "2026-02-01T00:00:00Z", "refund");
        data.Add("closedAt", "isEmpty", "", "invoice refund");
        data.Add("queueId", "isEmpty", "", "invoice delivery");
        data.Add("reopened", "equals", "true", "invoice");

        return data;
    }

    [Theory]
    [MemberData(nameof(Operators))]
    public async Task AdvancedCondition_AppliesItsOperator(string field, string op, string value, string expected)
    {
        var found = await AdvancedAsync(Admin, AdvancedSearch.All, new SearchCondition(field, op, value));
        Assert.Equal(Names(expected), found);
    }

    [Fact]
    public async Task AdvancedSearch_CombinesWithAllOrAny_AndSkipsDisabledConditions()
    {
        SearchCondition[] conditions =
        [
            new("status", "equals", "open"),
            new("messageText", "contains", "thanks"),
            new("subject", "contains", "nothing at all", Disabled: true),
        ];
        Assert.Equal(Names("refund"), await AdvancedAsync(Admin, AdvancedSearch.All, conditions));
        Assert.Equal(Names("invoice delivery refund"), await AdvancedAsync(Admin, AdvancedSearch.Any, conditions));
    }

    [Theory]
    [InlineData("nosuch", "equals", "x", "conditions[0].field")]
    [InlineData("subject", "greaterThan", "x", "conditions[0].operator")]
    [InlineData("createdAt", "greaterThan", "yesterday", "conditions[0].value")]
    [InlineData("status", "equals", "pending", "conditions[0].value")]
    public async Task AdvancedSearch_BadCondition_NamesIt(string field, string op, string value, string error)
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AdvancedAsync(Admin, AdvancedSearch.All, new SearchCondition(field, op, value)));
        Assert.Contains(error, failure.Errors.Keys);
    }

    private async Task<List<long>> ListAsync(Actor actor, InteractionFilter filter)
    {
        var (db, finder, _) = fixture.Open();
        await using (db)
        {
            return await (await finder.FilterAsync(actor, filter, default)).Newest().Select(i => i.Id).ToListAsync();
        }
    }

    private async Task<List<long>> AdvancedAsync(Actor actor, string match, params SearchCondition[] conditions)
    {
        var (db, _, advanced) = fixture.Open();
        await using (db)
        {
            return await (await advanced.BuildAsync(actor, new AdvancedSearch(conditions, match), default)).Newest().Select(i => i.Id).ToListAsync();
        }
    }

    /// <summary>"invoice delivery" → their ids, in the order given (newest first).</summary>
    private List<long> Names(string names)
    {
        var data = fixture.Data;
        return names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => n switch
        {
            "refund" => data.Refund,
            "delivery" => data.Delivery,
            _ => data.Invoice,
        }).ToList();
    }

    public sealed class OnSqlite(SqliteSearchFixture fixture) : InteractionSearchTests(fixture), IClassFixture<SqliteSearchFixture>;

    [NeedsServer(NeedsServerAttribute.PostgreSql)]
    public sealed class OnPostgres(PostgresSearchFixture fixture) : InteractionSearchTests(fixture), IClassFixture<PostgresSearchFixture>;
}
