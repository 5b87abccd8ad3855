using Mailroom.Core.Common;
using Mailroom.Core.Templates;

namespace Mailroom.Core.Tests.Templates;

public sealed class TemplateRendererTests
{
    private readonly TemplateRenderer _renderer = new();

    [Fact]
    public void Render_HtmlOutput_EscapesVariables()
    {
        var html = _renderer.Render("<b>{{agentName}}</b>", new Dictionary<string, object?> { ["agentName"] = "Ann <script>" });

        Assert.Equal("<b>Ann &lt;script&gt;</b>", html);
    }

    [Fact]
    public void Render_TextOutput_KeepsVariablesAsTyped()
    {
        var text = _renderer.Render("-- {{agentName}} ({{accountAddress}})", new Dictionary<string, object?>
        {
            ["agentName"] = "Ann & Bob",
            ["accountAddress"] = "support@example.test",
        }, TemplateOutput.Text);

        Assert.Equal("-- Ann & Bob (support@example.test)", text);
    }

    [Fact]
    public void Render_MissingVariable_RendersEmpty()
    {
        Assert.Equal("Hi !", _renderer.Render("Hi {{contactName}}!", new Dictionary<string, object?>()));
    }

    [Fact]
    public void Validate_UnclosedBlock_ReportsAFieldError()
    {
        var validator = new Validator();

        _renderer.Validate(validator, "signatureTemplate", "{{#if agentName}}Regards");

        var error = Assert.Throws<ValidationFailedException>(validator.ThrowIfInvalid);
        Assert.Contains("signatureTemplate", error.Errors.Keys);
    }

    [Fact]
    public void Validate_ValidTemplate_ReportsNothing()
    {
        var validator = new Validator();

        _renderer.Validate(validator, "signatureTemplate", "{{#if agentName}}Regards, {{agentName}}{{/if}}");

        validator.ThrowIfInvalid();
    }
}
