using System.Text.Json;
using System.Text.Json.Serialization;
using Mailroom.Core.Search;
using Mailroom.Core.Storage;
using Mailroom.Server.Tests.Work;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Server.Tests.Auth;

/// <summary>
/// Every row a caller could wrongly change — accounts, people, queues, plans, customers, mail, notes, drafts, the
/// catalogues and settings — as JSON per table, to compare before and after. The callers' own rows are left out: their
/// presence and two-factor set-up are theirs to change.
/// </summary>
internal static class DataSnapshot
{
    private static readonly JsonSerializerOptions Rows = new() { ReferenceHandler = ReferenceHandler.IgnoreCycles };

    public static Task<Dictionary<string, string>> TakeAsync(WorkDesk desk, IReadOnlyCollection<int> callers) => desk.DbAsync(async db => new Dictionary<string, string>
    {
        ["accounts"] = await RowsAsync(db.Accounts),
        ["account members"] = await RowsAsync(db.AccountMembers),
        ["OAuth apps"] = await RowsAsync(db.OAuthApps),
        ["users"] = await RowsAsync(db.Users.Where(u => !callers.Contains(u.Id))),
        ["queues"] = await RowsAsync(db.Queues),
        ["queue members"] = await RowsAsync(db.QueueMembers),
        ["queue accounts"] = await RowsAsync(db.QueueAccounts),
        ["plan steps"] = await RowsAsync(db.ActionPlanSteps),
        ["contact lists"] = await RowsAsync(db.ContactLists),
        ["contacts"] = await RowsAsync(db.Contacts),
        ["interactions"] = await RowsAsync(db.Interactions),
        ["messages"] = await RowsAsync(db.Messages),
        ["attachments"] = await RowsAsync(db.Attachments),
        ["outbox"] = await RowsAsync(db.Outbox),
        ["notes"] = await RowsAsync(db.Notes),
        ["drafts"] = await RowsAsync(db.Drafts),
        ["held mail"] = await RowsAsync(db.HeldMails),
        ["sender rules"] = await RowsAsync(db.SenderRules),
        ["transfers"] = await RowsAsync(db.TransferRecords),
        ["interaction tags"] = await RowsAsync(db.InteractionTags),
        ["tags"] = await RowsAsync(db.Tags),
        ["skills"] = await RowsAsync(db.Skills),
        ["agent skills"] = await RowsAsync(db.AgentSkills),
        ["sub-statuses"] = await RowsAsync(db.SubStatuses),
        ["dispositions"] = await RowsAsync(db.Dispositions),
        ["canned answers"] = await RowsAsync(db.CannedAnswers),
        ["intervals"] = await RowsAsync(db.Intervals),
        ["service-level policies"] = await RowsAsync(db.SlaPolicies),
        ["saved searches"] = await RowsAsync(db.Set<SavedSearch>().Where(s => !callers.Contains(s.UserId))),
        ["two-factor policy"] = await RowsAsync(db.TwoFactorPolicies),
        ["desktop settings"] = await RowsAsync(db.DesktopSettings),
    });

    private static async Task<string> RowsAsync<T>(IQueryable<T> rows)
        where T : class => JsonSerializer.Serialize(await rows.AsNoTracking().ToListAsync(), Rows);
}
