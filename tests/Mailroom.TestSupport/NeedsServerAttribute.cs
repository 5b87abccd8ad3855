using Xunit.Abstractions;
using Xunit.Sdk;

namespace Mailroom.TestSupport;

/// <summary>
/// Marks a test (or a test class) that needs a real server <c>./test.sh</c> starts. It carries the traits
/// <c>Category=NeedsServer</c> and <c>Server=&lt;name&gt;</c>, so <c>./test.sh --fast</c> leaves it out with
/// <c>--filter Category!=NeedsServer</c>. A test that needs a server and lacks the mark still fails loudly in the
/// fast suite (<see cref="TestEnvironment"/> says "run ./test.sh"), so a forgotten mark is found, never hidden.
/// </summary>
[TraitDiscoverer("Mailroom.TestSupport.NeedsServerDiscoverer", "Mailroom.TestSupport")]
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class NeedsServerAttribute(string server) : Attribute, ITraitAttribute
{
    public const string Category = "NeedsServer";

    public const string PostgreSql = "PostgreSQL";

    public string Server { get; } = server;
}

/// <summary>Turns <see cref="NeedsServerAttribute"/> into the traits a test filter sees.</summary>
public sealed class NeedsServerDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute)
    {
        yield return new("Category", NeedsServerAttribute.Category);
        yield return new("Server", traitAttribute.GetConstructorArguments().Single()?.ToString() ?? "");
    }
}
