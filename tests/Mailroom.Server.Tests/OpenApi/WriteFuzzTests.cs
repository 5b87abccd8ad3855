using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mailroom.TestSupport;

namespace Mailroom.Server.Tests.OpenApi;

/// <summary>
/// Every write operation in /openapi/v1.json, sent bodies no client should send — each field of its schema in turn
/// null, an empty list, an object, a number, a megabyte of text — as an administrator, who passes every role check
/// and so reaches the validation. None may answer 5xx: bad input is a 400 (or a 404 for an id that is not there).
/// </summary>
public sealed partial class WriteFuzzTests : IDisposable
{
    private static readonly JsonNode?[] BadValues = [null, new JsonArray(), new JsonObject(), -1, new string('x', 1_000_000), "\r\n"];

    private readonly MailroomApp _server = new(settings: new Dictionary<string, string?>
    {
        ["Mailroom:Inbound:Enabled"] = "false",
        ["Mailroom:Outbound:Enabled"] = "false",
    });

    [Fact]
    public async Task EveryWriteOperation_GivenBadFields_AnswersWithoutA5xx()
    {
        var admin = await _server.AdminClientAsync();
        using var document = JsonDocument.Parse(await admin.GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var failures = new List<string>();
        var sent = 0;
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "post" or "put" or "patch"))
            {
                // Signing in and out would change the caller under the rest of the test.
                if (path.Name.StartsWith("/api/auth", StringComparison.Ordinal))
                {
                    continue;
                }

                var url = PathParameter().Replace(path.Name, "1");
                foreach (var body in Bodies(operation.Value, schemas))
                {
                    using var request = new HttpRequestMessage(new HttpMethod(operation.Name), url)
                    {
                        Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
                    };
                    var response = await admin.SendAsync(request);
                    sent++;
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Add($"{operation.Name} {path.Name} {(int)response.StatusCode} with {body[..Math.Min(body.Length, 120)]}");
                    }
                }
            }
        }

        Assert.True(sent > 200, $"only {sent} requests sent");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} requests answered 5xx:\n" + string.Join("\n", failures));
    }

    private static IEnumerable<string> Bodies(JsonElement operation, JsonElement schemas)
    {
        yield return "null";
        yield return "[]";
        yield return "{}";
        yield return "{\"truncated\":";
        if (!operation.TryGetProperty("requestBody", out var requestBody)
            || !requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
            || !json.TryGetProperty("schema", out var schema)
            || Resolve(schema, schemas) is not { } resolved
            || !resolved.TryGetProperty("properties", out var properties))
        {
            yield break;
        }

        foreach (var property in properties.EnumerateObject())
        {
            foreach (var value in BadValues)
            {
                yield return new JsonObject { [property.Name] = value?.DeepClone() }.ToJsonString();
            }
        }
    }

    private static JsonElement? Resolve(JsonElement schema, JsonElement schemas) =>
        schema.TryGetProperty("$ref", out var reference) && schemas.TryGetProperty(reference.GetString()!.Split('/')[^1], out var target)
            ? target
            : schema.ValueKind == JsonValueKind.Object ? schema : null;

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex PathParameter();

    public void Dispose() => _server.Dispose();
}
