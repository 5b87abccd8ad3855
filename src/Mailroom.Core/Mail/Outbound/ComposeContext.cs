using Mailroom.Core.Accounts;
using Mailroom.Core.Common;
using Mailroom.Core.Interactions;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>What reply, reply all and forward start from: the interaction, its current account, the original.</summary>
internal sealed record ComposeContext(Interaction Interaction, EmailAccount Account, Message Original, IReadOnlyCollection<string> OwnAddresses)
{
    public static async Task<ComposeContext> LoadAsync(MailroomDb db, Actor actor, long interactionId, long? messageId, CancellationToken ct)
    {
        var interaction = await db.RequireInteractionAsync(actor, interactionId, ct);
        if (await AnswerRight.WhyNotAsync(db, actor, interaction, ct) is { } refusal)
        {
            throw refusal.Forbidden ? new ForbiddenException(refusal.Message) : new ConflictException(refusal.Message);
        }

        // The interaction's account, not the original message's: after an account transfer the answer leaves
        // from the new account.
        var account = await db.Accounts.AsNoTracking().FirstAsync(a => a.Id == interaction.AccountId, ct);
        var messages = db.Messages.AsNoTracking().Include(m => m.Attachments).Where(m => m.InteractionId == interactionId);
        var original = messageId is { } id
            ? await messages.FirstOrDefaultAsync(m => m.Id == id, ct) ?? throw ValidationFailedException.For("messageId", $"messageId {id} is not a message of interaction {interactionId}.")
            : await messages.Where(m => m.Direction == MessageDirection.Incoming && m.Kind == MessageKind.Customer)
                .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).FirstOrDefaultAsync(ct)
              ?? throw ValidationFailedException.For("messageId", "messageId is required: the interaction has no customer message to answer.");

        // The addresses this interaction has lived at: none of them must receive our own reply.
        var accountIds = new[] { interaction.AccountId, original.AccountId, interaction.TransferAccountId ?? interaction.AccountId };
        var own = await db.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).Select(a => a.Address).ToListAsync(ct);
        return new ComposeContext(interaction, account, original, own);
    }

    /// <summary>Parses the agent's extra recipients, naming the field of a bad one.</summary>
    public static List<MailboxAddress> Parse(string field, IReadOnlyList<string>? addresses)
    {
        var validator = new Validator();
        var parsed = new List<MailboxAddress>();
        for (var i = 0; i < (addresses?.Count ?? 0); i++)
        {
            if (MailboxAddress.TryParse(addresses![i], out var address) && Validator.IsEmail(address.Address))
            {
                parsed.Add(address);
            }
            else
            {
                validator.Add($"{field}[{i}]", $"'{addresses[i]}' is not an email address.");
            }
        }

        validator.ThrowIfInvalid();
        return parsed;
    }
}
