using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mailroom.Server.Api;

/// <summary>
/// How the API spells an enum value, in its JSON and in its document: camelCase (<c>closedUnmanaged</c>). Requests
/// are read in any case, so what a response said can always be sent back.
/// </summary>
internal static class EnumSpelling
{
    private static readonly JsonNamingPolicy Policy = JsonNamingPolicy.CamelCase;

    public static JsonStringEnumConverter Converter() => new(Policy);

    /// <summary>
    /// A <see cref="QueryEnum{T}"/> parameter is a plain string to the document generator, which would then list no
    /// values: its schema gets the names of <c>T</c>, spelled as in the JSON.
    /// </summary>
    public static Task DescribeQueryEnums(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in context.Description.ParameterDescriptions)
        {
            var type = Nullable.GetUnderlyingType(parameter.Type) ?? parameter.Type;
            if (type is { IsGenericType: true } && type.GetGenericTypeDefinition() == typeof(QueryEnum<>)
                && operation.Parameters?.FirstOrDefault(p => p.Name == parameter.Name)?.Schema is OpenApiSchema schema)
            {
                schema.Enum = [.. Enum.GetNames(type.GetGenericArguments()[0]).Select(name => (JsonNode)JsonValue.Create(Policy.ConvertName(name)))];
            }
        }

        return Task.CompletedTask;
    }
}
