using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Mail.Inbound;

public sealed record IngestProblemView(long Id, int AccountId, string Mailbox, long UidValidity, long Uid, string RawSha256, long RawSize,
    string Reason, DateTime CreatedAt, DateTime? ResolvedAt, long? MessageId);

/// <summary>
/// The "ingest problems" view of an account, and re-processing a problem once the cause is fixed (a raised
/// size limit, a parser upgrade): the kept raw bytes are parsed again and stored like a new arrival.
/// </summary>
public sealed class IngestProblems(MailroomDb db, MessageIngestor ingestor, TimeProvider time)
{
    public async Task<IReadOnlyList<IngestProblemView>> ListAsync(Actor actor, int accountId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
        var problems = await db.IngestProblems.AsNoTracking().Where(p => p.AccountId == accountId)
            .OrderByDescending(p => p.Id).Take(500).ToListAsync(ct);
        return problems.Select(p => View(p, null)).ToList();
    }

    public async Task<IngestProblemView> ReprocessAsync(Actor actor, int accountId, long problemId, CancellationToken ct)
    {
        actor.RequireSupervisor();
        await db.RequireAccountAsync(actor, accountId, ct);
        var problem = await db.IngestProblems.FirstOrDefaultAsync(p => p.Id == problemId && p.AccountId == accountId, ct)
            ?? throw new NotFoundException($"Ingest problem {problemId}");
        if (problem.ResolvedAt is not null)
        {
            throw new ConflictException("This message was already re-processed.");
        }

        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == accountId, ct);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var at = new MailboxPosition(accountId, problem.Mailbox, problem.UidValidity, problem.Uid);
        var message = await ingestor.StoreKeptAsync(db, account, at, problem.RawSha256, now, ct);
        problem.ResolvedAt = now;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return View(problem, message.Id);
    }

    private static IngestProblemView View(IngestProblem p, long? messageId) =>
        new(p.Id, p.AccountId, p.Mailbox, p.UidValidity, p.Uid, p.RawSha256, p.RawSize, p.Reason, p.CreatedAt, p.ResolvedAt, messageId);
}
