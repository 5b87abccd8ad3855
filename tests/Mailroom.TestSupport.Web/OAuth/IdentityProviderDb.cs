using Microsoft.EntityFrameworkCore;

namespace Mailroom.TestSupport.OAuth;

/// <summary>OpenIddict's applications, authorizations and tokens of the test identity provider (its own SQLite file).</summary>
public sealed class IdentityProviderDb(DbContextOptions<IdentityProviderDb> options) : DbContext(options);
