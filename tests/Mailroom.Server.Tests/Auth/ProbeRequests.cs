using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Mailroom.Server.Tests.Auth;

/// <summary>One operation of /openapi/v1.json as a request aimed at <see cref="TheirAccount"/>.</summary>
internal sealed record ProbeOperation(string Method, string Template, string Url, string? Body, bool Secured, bool AdministratorsOnly)
{
    public HttpRequestMessage Request() => new(new HttpMethod(Method), Url)
    {
        Content = Body is null ? null : new StringContent(Body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
    };

    public override string ToString() => $"{Method} {Template}";
}

/// <summary>
/// Turns every operation of the served document into a request with the other account's ids wherever a path, query or
/// body field names a resource — and, for the rest of a body, values plausible enough to pass validation, so that a
/// missing membership check is reached rather than hidden behind a 400.
/// </summary>
internal static partial class ProbeRequests
{
    public static IEnumerable<ProbeOperation> From(JsonElement document, TheirAccount their)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete" or "patch"))
            {
                // Signing in, out or for another token changes the caller under the rest of the test.
                if (path.Name.StartsWith("/api/auth/", StringComparison.Ordinal) && operation.Name != "get")
                {
                    continue;
                }

                var summary = operation.Value.TryGetProperty("summary", out var s) ? s.GetString() ?? "" : "";
                yield return new ProbeOperation(
                    operation.Name.ToUpperInvariant(),
                    path.Name,
                    Url(path.Name, operation.Value, their),
                    Body(operation.Value, schemas, their),
                    operation.Value.TryGetProperty("security", out _),
                    summary.Contains("(administrators", StringComparison.Ordinal));
            }
        }
    }

    private static string Url(string template, JsonElement operation, TheirAccount their)
    {
        var url = PathParameter().Replace(template, match =>
        {
            var name = match.Groups[1].Value;
            // "{id}" is the resource the segment before it names: /api/queues/{id} is a queue.
            var resource = name == "id" ? template[..match.Index].TrimEnd('/').Split('/')[^1] : name;
            return (their.IdFor(resource) ?? 1).ToString(CultureInfo.InvariantCulture);
        });
        var query = new List<string>();
        foreach (var parameter in operation.TryGetProperty("parameters", out var p) ? p.EnumerateArray() : default)
        {
            if (parameter.GetProperty("in").GetString() != "query")
            {
                continue;
            }

            var name = parameter.GetProperty("name").GetString()!;
            var value = name switch
            {
                "q" => their.Marker,
                "accounts" => their.AccountId.ToString(CultureInfo.InvariantCulture),
                _ => their.IdFor(name)?.ToString(CultureInfo.InvariantCulture),
            };
            if (value is not null && (name is "q" or "accounts" || name.EndsWith("Id", StringComparison.Ordinal)))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        return query.Count == 0 ? url : url + "?" + string.Join('&', query);
    }

    private static string? Body(JsonElement operation, JsonElement schemas, TheirAccount their) =>
        operation.TryGetProperty("requestBody", out var requestBody)
        && requestBody.GetProperty("content").TryGetProperty("application/json", out var json)
        && json.TryGetProperty("schema", out var schema)
            ? Value("body", schema, schemas, their, depth: 0)?.ToJsonString()
            : null;

    private static JsonNode? Value(string name, JsonElement schema, JsonElement schemas, TheirAccount their, int depth)
    {
        schema = Resolve(schema, schemas);
        if (name.EndsWith("Ids", StringComparison.Ordinal))
        {
            return their.IdFor(name) is { } ids ? new JsonArray(ids) : null;
        }

        if (name.EndsWith("Id", StringComparison.Ordinal))
        {
            return their.IdFor(name) is { } id ? JsonValue.Create(id) : null;
        }

        if (schema.TryGetProperty("enum", out var values))
        {
            return JsonValue.Create(values.EnumerateArray().First().GetString());
        }

        var types = schema.TryGetProperty("type", out var t)
            ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()).ToList() : [t.GetString()]
            : schema.TryGetProperty("properties", out _) ? ["object"] : [];
        if (types.Contains("object") && depth < 3 && schema.TryGetProperty("properties", out var properties))
        {
            var body = new JsonObject();
            foreach (var property in properties.EnumerateObject())
            {
                if (Value(property.Name, property.Value, schemas, their, depth + 1) is { } value)
                {
                    body[property.Name] = value;
                }
            }

            return body;
        }

        if (types.Contains("array") && depth < 3 && schema.TryGetProperty("items", out var items))
        {
            return Value(Singular(name), items, schemas, their, depth + 1) is { } item ? new JsonArray(item) : new JsonArray();
        }

        return types.Contains("string") ? JsonValue.Create(Text(name))
            : types.Contains("integer") ? JsonValue.Create(1)
            : types.Contains("boolean") ? JsonValue.Create(false)
            : null;
    }

    /// <summary>A value of the kind the field's name asks for, never the other account's marker.</summary>
    private static string Text(string name) => name.ToLowerInvariant() switch
    {
        "to" or "cc" or "bcc" or "email" or "address" or "sender" or "username" => "probe@customer.test",
        "color" => "#336699",
        "timezone" => "UTC",
        "url" => "http://127.0.0.1:9/probe",
        "password" or "secret" or "clientsecret" => "probe-password-1",
        "match" => "all",
        "sendat" or "until" or "from" => "2030-01-01T09:00:00Z",
        _ => "probe",
    };

    private static string Singular(string name) => name.EndsWith('s') ? name[..^1] : name;

    private static JsonElement Resolve(JsonElement schema, JsonElement schemas)
    {
        if (schema.TryGetProperty("$ref", out var reference))
        {
            return schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        }

        // "oneOf"/"anyOf" of null and a reference: the reference.
        foreach (var choice in new[] { "oneOf", "anyOf" })
        {
            if (schema.TryGetProperty(choice, out var options) && options.EnumerateArray().FirstOrDefault(o => o.TryGetProperty("$ref", out _)) is { ValueKind: JsonValueKind.Object } target)
            {
                return Resolve(target, schemas);
            }
        }

        return schema;
    }

    [GeneratedRegex(@"\{([^}:]+)[^}]*\}")]
    private static partial Regex PathParameter();
}
