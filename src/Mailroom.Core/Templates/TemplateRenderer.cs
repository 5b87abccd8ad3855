using System.Collections.Concurrent;
using HandlebarsDotNet;
using Mailroom.Core.Common;

namespace Mailroom.Core.Templates;

/// <summary>
/// The product's one template engine (Handlebars): signatures, automatic replies, transfer notices. HTML output
/// escapes every <c>{{value}}</c>, so a customer's name can never inject markup; text output leaves it as typed.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly IHandlebars _html = Handlebars.Create(new HandlebarsConfiguration());
    private readonly IHandlebars _text = Handlebars.Create(new HandlebarsConfiguration { NoEscape = true });

    // Templates are few and rendered for every message: compile each once per output kind.
    private readonly ConcurrentDictionary<(string Template, TemplateOutput Output), HandlebarsTemplate<object, object>> _compiled = new();

    public string Render(string template, IReadOnlyDictionary<string, object?> variables, TemplateOutput output = TemplateOutput.Html)
    {
        var compiled = _compiled.GetOrAdd((template, output), key => (key.Output == TemplateOutput.Html ? _html : _text).Compile(key.Template));
        return compiled(new Dictionary<string, object?>(variables, StringComparer.Ordinal));
    }

    /// <summary>Null when the template compiles; otherwise the parser's reason, for a field error.</summary>
    public string? SyntaxError(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }

        try
        {
            _text.Compile(template);
            return null;
        }
        catch (HandlebarsException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Reports a template that does not compile as an error on <paramref name="field"/>.</summary>
    public void Validate(Validator validator, string field, string? template)
    {
        if (SyntaxError(template) is { } error)
        {
            validator.Add(field, $"is not a valid template: {error}");
        }
    }
}

public enum TemplateOutput
{
    Html = 0,
    Text = 1,
}
