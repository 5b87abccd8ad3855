using System.Text.Json;
using System.Text.RegularExpressions;
using Mailroom.TestSupport;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.Extensions.DependencyInjection;

namespace Mailroom.Server.Tests.OpenApi;

/// <summary>
/// Every operation in /openapi/v1.json says what it answers: a new endpoint that declares nothing fails here, not in a
/// client that believed the document.
/// </summary>
public sealed partial class DeclaredResponsesTests : IDisposable
{
    private readonly MailroomApp _server = new();

    [Fact]
    public async Task EveryOperation_DeclaresItsSuccess_WithTheBodyItSends()
    {
        var missing = new List<string>();
        foreach (var (name, operation) in await OperationsAsync())
        {
            var responses = operation.GetProperty("responses");
            var successes = responses.EnumerateObject().Where(r => r.Name[0] is '2' or '3').ToList();
            if (successes.Count == 0 || successes.Any(r => r.Name[0] == '2' && r.Name != "204" && !r.Value.TryGetProperty("content", out _)))
            {
                missing.Add(name);
            }
        }

        Assert.True(missing.Count == 0, "No success answer, or one without its body, declared by:\n" + string.Join("\n", missing));
    }

    [Fact]
    public async Task EveryOperationThatNeedsSignIn_Declares401()
    {
        var operations = await OperationsAsync();
        var secured = SecuredOperations();

        Assert.NotEmpty(secured);
        var undeclared = secured.Where(name => !operations.TryGetValue(name, out var operation) || !operation.GetProperty("responses").TryGetProperty("401", out _)).ToList();
        Assert.True(undeclared.Count == 0, "Sign-in required but no 401 declared by:\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public async Task EveryOperationThatNeedsSignIn_AsksForATokenOrTheCookie_AndNoOtherDoes()
    {
        var operations = await OperationsAsync();
        var secured = SecuredOperations().ToHashSet();

        var wrong = operations
            .Where(o => secured.Contains(o.Key) != o.Value.TryGetProperty("security", out var security)
                || (secured.Contains(o.Key) && security.EnumerateArray().SelectMany(r => r.EnumerateObject()).Select(r => r.Name).Order().SequenceEqual(["apiToken", "sessionCookie"]) is false))
            .Select(o => o.Key)
            .ToList();

        Assert.True(wrong.Count == 0, "Security requirement missing or not as the server enforces it on:\n" + string.Join("\n", wrong));
        Assert.DoesNotContain("post /api/auth/login", secured);
        var schemes = (await DocumentAsync()).RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("apiToken").GetProperty("scheme").GetString());
        Assert.Equal(("cookie", "mailroom"), (schemes.GetProperty("sessionCookie").GetProperty("in").GetString(), schemes.GetProperty("sessionCookie").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task EveryOperationOnAnIdentifiedResource_Declares404()
    {
        // The caller's draft of an interaction is a 204 when there is none, for an interaction they cannot see too.
        string[] noneIsNotAnError = ["get /api/interactions/{id}/draft"];

        var undeclared = (await OperationsAsync())
            .Where(o => o.Key.Contains('{', StringComparison.Ordinal) && !o.Value.GetProperty("responses").TryGetProperty("404", out _))
            .Select(o => o.Key)
            .Except(noneIsNotAnError)
            .ToList();

        Assert.True(undeclared.Count == 0, "An id in the path but no 404 declared by:\n" + string.Join("\n", undeclared));
    }

    [Theory]
    [InlineData("get /api/interactions", "X-Total-Count")]
    [InlineData("get /api/interactions/export.csv", "X-Row-Count")]
    [InlineData("post /api/search/export.csv", "X-Row-Count")]
    public async Task CountHeader_IsDeclaredOnTheSuccessThatSendsIt(string operation, string header)
    {
        var success = (await OperationsAsync())[operation].GetProperty("responses").GetProperty("200");

        Assert.Equal("integer", success.GetProperty("headers").GetProperty(header).GetProperty("schema").GetProperty("type").GetString());
    }

    public void Dispose() => _server.Dispose();

    // "api/users/{id:int}" and "api/users/" of a route are "/api/users/{id}" and "/api/users" in the document.
    [GeneratedRegex(@"(?<=\{\w+):[^}]+")]
    private static partial Regex RouteConstraint();

    private async Task<JsonDocument> DocumentAsync() => JsonDocument.Parse(await _server.CreateClient().GetStringAsync("/openapi/v1.json"));

    /// <summary>"get /api/users/{id}" and the like, each with its operation object.</summary>
    private async Task<Dictionary<string, JsonElement>> OperationsAsync()
    {
        using var document = await DocumentAsync();
        return document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject(), (path, operation) => ($"{operation.Name} {path.Name}", operation.Value.Clone()))
            .ToDictionary();
    }

    /// <summary>The operations whose endpoint the server lets only a signed-in user call, named as in the document.</summary>
    private List<string> SecuredOperations() =>
        _server.Services.GetRequiredService<IApiDescriptionGroupCollectionProvider>().ApiDescriptionGroups.Items
            .SelectMany(g => g.Items)
            .Where(d => d.ActionDescriptor.EndpointMetadata.OfType<IAuthorizeData>().Any() && !d.ActionDescriptor.EndpointMetadata.OfType<IAllowAnonymous>().Any())
            .Select(d => $"{d.HttpMethod!.ToLowerInvariant()} /{RouteConstraint().Replace(d.RelativePath!, "").TrimEnd('/')}")
            .ToList();
}
