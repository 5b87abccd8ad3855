using Mailroom.Core.Mail;
using Mailroom.Core.OAuth;
using Mailroom.Core.Security;
using Mailroom.Core.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailroom.Core.Tests.OAuth;

/// <summary>MailConnections as the product wires them, with the identity provider's HTTP given by the test.</summary>
internal static class TestConnections
{
    public static AccessTokens Tokens(IDbContextFactory<MailroomDb> dbs, SecretProtector secrets, TimeProvider time, HttpMessageHandler? provider = null) =>
        new(dbs, secrets, new TokenEndpoint(new HttpClient(provider ?? new RecordedProvider())), time, NullLogger<AccessTokens>.Instance);

    public static MailConnections Create(IDbContextFactory<MailroomDb> dbs, SecretProtector secrets, IMailConnector connector, TimeProvider time,
        HttpMessageHandler? provider = null) =>
        new(secrets, connector, Tokens(dbs, secrets, time, provider));
}
