using Mailroom.Core.Accounts;
using Mailroom.Core.Calendars;
using Mailroom.Core.CannedAnswers;
using Mailroom.Core.Contacts;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Events;
using Mailroom.Core.Interactions;
using Mailroom.Core.Mail.Inbound;
using Mailroom.Core.Mail.Outbound;
using Mailroom.Core.Notes;
using Mailroom.Core.Queues;
using Mailroom.Core.Routing;
using Mailroom.Core.Settings;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Tags;
using Mailroom.Core.Transfers;
using Mailroom.Core.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Mailroom.Core.Storage;

/// <summary>The one database of Mailroom. Each feature maps its own entities in its own configuration class.</summary>
public sealed class MailroomDb : DbContext, IDataProtectionKeyContext
{
    // Subscribed once per instance; a pooled context keeps it, as it keeps its options.
    public MailroomDb(DbContextOptions<MailroomDb> options)
        : base(options) => SavingChanges += (_, _) => Mailroom.Core.Audit.AuditAppendOnly.Check(ChangeTracker);

    /// <summary>The Data Protection key ring when nodes share it (<c>Mailroom:DataProtection:Store=Database</c>).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<User> Users => Set<User>();
    public DbSet<DesktopSettings> DesktopSettings => Set<DesktopSettings>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();
    public DbSet<EmailAccount> Accounts => Set<EmailAccount>();
    public DbSet<OAuth.OAuthApp> OAuthApps => Set<OAuth.OAuthApp>();
    public DbSet<AccountMember> AccountMembers => Set<AccountMember>();
    public DbSet<MailQueue> Queues => Set<MailQueue>();
    public DbSet<QueueMember> QueueMembers => Set<QueueMember>();
    public DbSet<QueueAccount> QueueAccounts => Set<QueueAccount>();
    public DbSet<ContactList> ContactLists => Set<ContactList>();
    public DbSet<Contact> Contacts => Set<Contact>();
    public DbSet<Interaction> Interactions => Set<Interaction>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<HistoryEntry> History => Set<HistoryEntry>();
    public DbSet<MailboxCheckpoint> Checkpoints => Set<MailboxCheckpoint>();
    public DbSet<Mailroom.Core.Mail.Inbound.Leases.MailboxLease> MailboxLeases => Set<Mailroom.Core.Mail.Inbound.Leases.MailboxLease>();
    public DbSet<IngestProblem> IngestProblems => Set<IngestProblem>();
    public DbSet<Mailroom.Core.Mail.Held.HeldMail> HeldMails => Set<Mailroom.Core.Mail.Held.HeldMail>();
    public DbSet<Mailroom.Core.Mail.Held.SenderRule> SenderRules => Set<Mailroom.Core.Mail.Held.SenderRule>();
    public DbSet<OutboxItem> Outbox => Set<OutboxItem>();
    public DbSet<StoredEvent> Events => Set<StoredEvent>();
    public DbSet<Offer> Offers => Set<Offer>();
    public DbSet<RoutingTask> RoutingTasks => Set<RoutingTask>();
    public DbSet<ActionPlanStep> ActionPlanSteps => Set<ActionPlanStep>();
    public DbSet<TransferRecord> TransferRecords => Set<TransferRecord>();
    public DbSet<Note> Notes => Set<Note>();
    public DbSet<Mention> Mentions => Set<Mention>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<InteractionTag> InteractionTags => Set<InteractionTag>();
    public DbSet<Mailroom.Core.Skills.Skill> Skills => Set<Mailroom.Core.Skills.Skill>();
    public DbSet<Mailroom.Core.Skills.AgentSkill> AgentSkills => Set<Mailroom.Core.Skills.AgentSkill>();
    public DbSet<Mailroom.Core.Skills.RequiredSkill> RequiredSkills => Set<Mailroom.Core.Skills.RequiredSkill>();
    public DbSet<Mailroom.Core.Audit.AuditEntry> AuditEntries => Set<Mailroom.Core.Audit.AuditEntry>();
    public DbSet<Mailroom.Core.TwoFactor.RecoveryCode> RecoveryCodes => Set<Mailroom.Core.TwoFactor.RecoveryCode>();
    public DbSet<Mailroom.Core.TwoFactor.TwoFactorPolicy> TwoFactorPolicies => Set<Mailroom.Core.TwoFactor.TwoFactorPolicy>();
    public DbSet<Mailroom.Core.SingleSignOn.SsoGroupMapping> SsoGroupMappings => Set<Mailroom.Core.SingleSignOn.SsoGroupMapping>();
    public DbSet<SubStatus> SubStatuses => Set<SubStatus>();
    public DbSet<Draft> Drafts => Set<Draft>();
    public DbSet<Disposition> Dispositions => Set<Disposition>();
    public DbSet<CannedAnswer> CannedAnswers => Set<CannedAnswer>();
    public DbSet<WorkingInterval> Intervals => Set<WorkingInterval>();
    public DbSet<PlanAction> PlanActions => Set<PlanAction>();
    public DbSet<Mailroom.Core.ServiceLevels.SlaPolicy> SlaPolicies => Set<Mailroom.Core.ServiceLevels.SlaPolicy>();
    public DbSet<Mailroom.Core.ServiceLevels.SlaClock> SlaClocks => Set<Mailroom.Core.ServiceLevels.SlaClock>();

    /// <summary>Set while saved events wait for their commit, so the event stream is woken only when there is news.</summary>
    internal bool EventsToAnnounce { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(MailroomDb).Assembly);

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every timestamp is UTC; SQLite forgets the kind on the way back, so the converter restores it.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }
}
