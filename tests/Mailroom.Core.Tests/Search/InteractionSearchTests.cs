using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Search;
using Mailroom.Core.Users;
using Mailroom.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Tests.Search;

/// <summary>Filters, quick search and advanced search on both providers, against <see cref="SearchData"/>.</summary>
public sealed class InteractionSearchTests(SearchFixture fixture) : IClassFixture<SearchFixture>
{
    private static readonly Actor Admin = new(0, Role.Admin);

    public static TheoryData<DatabaseProvider, string, string> QuickSearches()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(provider, "kettle", "refund");                       // message text
            data.Add(provider, "THANKS", "delivery refund");              // common word, any case
            data.Add(provider, "invoice", "invoice");                     // subject and text
            data.Add(provider, "refu", "refund");                         // prefix while typing
            data.Add(provider, "order 2002", "invoice");                  // every word must match
            data.Add(provider, "Jane", "refund");                         // contact first name
            data.Add(provider, "smith", "delivery");                      // contact last name
            data.Add(provider, "jane.doe@customer.test", "refund");       // email address
            data.Add(provider, "doe@custo", "refund");                    // part of an address
            data.Add(provider, "nothing-like-this", "");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(QuickSearches))]
    public async Task QuickSearch_FindsByEveryField(DatabaseProvider provider, string query, string expected)
    {
        var found = await ListAsync(provider, Admin, new InteractionFilter(Query: query));
        Assert.Equal(Names(provider, expected), found);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task QuickSearch_ByInteractionId_FindsIt(DatabaseProvider provider)
    {
        var data = fixture.Data(provider);
        var found = await ListAsync(provider, Admin, new InteractionFilter(Query: data.Delivery.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Contains(data.Delivery, found);
    }

    public static TheoryData<DatabaseProvider, string, string> Filters()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(provider, "none", "invoice delivery refund");
            data.Add(provider, "open", "invoice refund");
            data.Add(provider, "closed", "delivery");
            data.Add(provider, "unread", "invoice refund");
            data.Add(provider, "read", "delivery");
            data.Add(provider, "mine", "refund");
            data.Add(provider, "unassigned", "delivery");
            data.Add(provider, "february", "delivery");
            data.Add(provider, "agent-bob", "invoice delivery");
            data.Add(provider, "queue", "refund");
            data.Add(provider, "account-sales", "invoice");
            data.Add(provider, "open+thanks", "refund");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Filters))]
    public async Task ListFilter_KeepsOnlyMatchingInteractions_NewestFirst(DatabaseProvider provider, string filter, string expected)
    {
        var data = fixture.Data(provider);
        var asAlice = new Actor(data.Alice, Role.Admin);
        var actor = filter == "mine" ? asAlice : Admin;
        var found = await ListAsync(provider, actor, filter switch
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
        Assert.Equal(Names(provider, expected), found);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task ListAndSearch_NeverShowAnotherAccount(DatabaseProvider provider)
    {
        var data = fixture.Data(provider);
        var alice = new Actor(data.Alice, Role.Agent);
        Assert.Equal(Names(provider, "delivery refund"), await ListAsync(provider, alice, new InteractionFilter()));
        Assert.Empty(await ListAsync(provider, alice, new InteractionFilter(Query: "invoice")));
        Assert.Empty(await ListAsync(provider, alice, new InteractionFilter(Query: "zed@zzz.test")));
        Assert.Empty(await ListAsync(provider, alice, new InteractionFilter(Query: data.Invoice.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Empty(await AdvancedAsync(provider, alice, AdvancedSearch.All, new SearchCondition("subject", "contains", "invoice")));
        Assert.Empty(await AdvancedAsync(provider, alice, AdvancedSearch.All, new SearchCondition("messageText", "contains", "invoice")));
    }

    public static TheoryData<DatabaseProvider, string, string, string, string> Operators()
    {
        var data = new TheoryData<DatabaseProvider, string, string, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            data.Add(provider, "subject", "equals", "invoice COPY", "invoice");
            data.Add(provider, "subject", "notEquals", "invoice copy", "delivery refund");
            data.Add(provider, "subject", "contains", "ORDER", "refund");
            data.Add(provider, "subject", "startsWith", "deliv", "delivery");
            data.Add(provider, "subject", "endsWith", "1001", "refund");
            data.Add(provider, "contactFirstName", "isEmpty", "", "invoice");
            data.Add(provider, "contactLastName", "equals", "smith", "delivery");
            data.Add(provider, "contactEmail", "endsWith", "@zzz.test", "invoice");
            data.Add(provider, "account", "equals", "sal", "invoice");
            data.Add(provider, "agent", "startsWith", "alice", "refund");
            data.Add(provider, "agent", "isEmpty", "", "delivery");
            data.Add(provider, "messageText", "contains", "parcel", "delivery");
            data.Add(provider, "status", "equals", "closed", "delivery");
            data.Add(provider, "status", "notEquals", "closed", "invoice refund");
            data.Add(provider, "unreadCount", "greaterThan", "1", "invoice");
            data.Add(provider, "unreadCount", "lessThan", "1", "delivery");
            data.Add(provider, "createdAt", "greaterThan", "2026-02-01", "invoice delivery");
            data.Add(provider, "createdAt", "lessThan", "2026-02-01T00:00:00Z", "refund");
            data.Add(provider, "closedAt", "isEmpty", "", "invoice refund");
            data.Add(provider, "queueId", "isEmpty", "", "invoice delivery");
            data.Add(provider, "reopened", "equals", "true", "invoice");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Operators))]
    public async Task AdvancedCondition_AppliesItsOperator(DatabaseProvider provider, string field, string op, string value, string expected)
    {
        var found = await AdvancedAsync(provider, Admin, AdvancedSearch.All, new SearchCondition(field, op, value));
        Assert.Equal(Names(provider, expected), found);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task AdvancedSearch_CombinesWithAllOrAny_AndSkipsDisabledConditions(DatabaseProvider provider)
    {
        SearchCondition[] conditions =
        [
            new("status", "equals", "open"),
            new("messageText", "contains", "thanks"),
            new("subject", "contains", "nothing at all", Disabled: true),
        ];
        Assert.Equal(Names(provider, "refund"), await AdvancedAsync(provider, Admin, AdvancedSearch.All, conditions));
        Assert.Equal(Names(provider, "invoice delivery refund"), await AdvancedAsync(provider, Admin, AdvancedSearch.Any, conditions));
    }

    [Theory]
    [InlineData("nosuch", "equals", "x", "conditions[0].field")]
    [InlineData("subject", "greaterThan", "x", "conditions[0].operator")]
    [InlineData("createdAt", "greaterThan", "yesterday", "conditions[0].value")]
    [InlineData("status", "equals", "pending", "conditions[0].value")]
    public async Task AdvancedSearch_BadCondition_NamesIt(string field, string op, string value, string error)
    {
        var failure = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AdvancedAsync(DatabaseProvider.Sqlite, Admin, AdvancedSearch.All, new SearchCondition(field, op, value)));
        Assert.Contains(error, failure.Errors.Keys);
    }

    private async Task<List<long>> ListAsync(DatabaseProvider provider, Actor actor, InteractionFilter filter)
    {
        var (db, finder, _) = fixture.Open(provider);
        await using (db)
        {
            return await (await finder.FilterAsync(actor, filter, default)).Newest().Select(i => i.Id).ToListAsync();
        }
    }

    private async Task<List<long>> AdvancedAsync(DatabaseProvider provider, Actor actor, string match, params SearchCondition[] conditions)
    {
        var (db, _, advanced) = fixture.Open(provider);
        await using (db)
        {
            return await (await advanced.BuildAsync(actor, new AdvancedSearch(conditions, match), default)).Newest().Select(i => i.Id).ToListAsync();
        }
    }

    /// <summary>"invoice delivery" → their ids, in the order given (newest first).</summary>
    private List<long> Names(DatabaseProvider provider, string names)
    {
        var data = fixture.Data(provider);
        return names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => n switch
        {
            "refund" => data.Refund,
            "delivery" => data.Delivery,
            _ => data.Invoice,
        }).ToList();
    }
}
