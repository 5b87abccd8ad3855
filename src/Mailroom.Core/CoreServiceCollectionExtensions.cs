using Mailroom.Core.Accounts;
using Mailroom.Core.AgentPresence;
using Mailroom.Core.Audit;
using Mailroom.Core.Calendars;
using Mailroom.Core.CannedAnswers;
using Mailroom.Core.Closing;
using Mailroom.Core.Contacts;
using Mailroom.Core.Dispositions;
using Mailroom.Core.Drafts;
using Mailroom.Core.Exports;
using Mailroom.Core.Interactions;
using Mailroom.Core.Journey;
using Mailroom.Core.Mail;
using Mailroom.Core.Notes;
using Mailroom.Core.OAuth;
using Mailroom.Core.Parking;
using Mailroom.Core.Queues;
using Mailroom.Core.Reports;
using Mailroom.Core.Retention;
using Mailroom.Core.Routing;
using Mailroom.Core.Search;
using Mailroom.Core.Security;
using Mailroom.Core.ServiceLevels;
using Mailroom.Core.SingleSignOn;
using Mailroom.Core.Skills;
using Mailroom.Core.Storage;
using Mailroom.Core.SubStatuses;
using Mailroom.Core.Supervision;
using Mailroom.Core.Tags;
using Mailroom.Core.Transfers;
using Mailroom.Core.TwoFactor;
using Mailroom.Core.Users;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>The use cases of the foundation: people, accounts, queues, contacts.</summary>
    public static IServiceCollection AddMailroomCore(this IServiceCollection services)
    {
        services.AddSingleton<Passwords>();
        services.AddSingleton<SecretProtector>();
        services.AddSingleton<StorageAlarm>();
        services.AddSingleton<IMailConnector, SocketMailConnector>();
        services.AddSingleton<MailConnections>();
        services.AddOAuth();
        services.AddScoped<SignIn>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<SignInGuard>();
        services.AddScoped<AdminBootstrap>();
        services.AddScoped<Setup.SetupChecklist>();
        services.AddScoped<UserCommands>();
        services.AddScoped<AccountCommands>();
        services.AddSingleton<AccountTemplatePreview>();
        services.AddScoped<VerifyConnection>();
        services.AddScoped<QueueCommands>();
        services.AddScoped<ContactCommands>();
        services.AddScoped<Settings.DesktopSettingsStore>();
        services.AddTransfers();
        services.AddInteractions();
        services.AddSearch();
        services.AddExports();
        services.AddReports();
        services.AddRouting();
        services.AddAgentPresence();
        services.AddCalendars();
        services.AddSupervision();
        services.AddServiceLevels();
        services.AddParking();
        services.AddRetention();
        services.AddNotes();
        services.AddTags();
        services.AddSkills();
        services.AddTwoFactor();
        services.AddSingleSignOn();
        services.AddAudit();
        services.AddSubStatuses();
        services.AddDrafts();
        services.AddDispositions();
        services.AddClosing();
        services.AddCannedAnswers();
        services.AddJourney();
        return services;
    }
}
