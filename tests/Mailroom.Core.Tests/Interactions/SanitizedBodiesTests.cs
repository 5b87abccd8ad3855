using Mailroom.Core.Interactions;

namespace Mailroom.Core.Tests.Interactions;

/// <summary>A message is sanitized once, not on every view, and never served from before its HTML changed.</summary>
public sealed class SanitizedBodiesTests
{
    private const string Origin = "http://127.0.0.1:5080";

    [Fact]
    public void Render_TheSameMessageAgain_ComesFromTheCache_WithTheSameImageLinks()
    {
        using var bodies = new SanitizedBodies();
        var sanitized = 0;
        ImageSources Sources()
        {
            var run = ++sanitized;
            return new ImageSources(cid => $"{Origin}/media/{cid}-{run}", null);
        }

        var first = bodies.Render(1, "<p>Hi <img src=\"cid:logo\"><script>x()</script></p>", false, Origin, Sources);
        var again = bodies.Render(1, "<p>Hi <img src=\"cid:logo\"><script>x()</script></p>", false, Origin, Sources);

        Assert.Equal(1, sanitized);
        Assert.Equal(first, again);
        Assert.Contains("/media/logo-1", first, StringComparison.Ordinal);
        Assert.DoesNotContain("script", first, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_AfterTheHtmlChanged_OrWithImagesShown_SanitizesAfresh()
    {
        using var bodies = new SanitizedBodies();
        var sanitized = 0;
        ImageSources Sources()
        {
            sanitized++;
            return new ImageSources(_ => "", url => $"{Origin}/media/proxied");
        }

        bodies.Render(1, "<p>Dear Anna</p>", false, Origin, Sources);
        var anonymised = bodies.Render(1, "<p>Dear [removed]</p>", false, Origin, Sources);
        bodies.Render(1, "<p>Dear [removed]</p>", true, Origin, Sources);
        bodies.Render(2, "<p>Dear [removed]</p>", false, Origin, Sources);

        Assert.Equal(4, sanitized);
        Assert.DoesNotContain("Anna", anonymised, StringComparison.Ordinal);
    }

    [Fact]
    public void CanRender_RefusesHtmlBeyondTheSizeLimit_AndAcceptsALargeNewsletter()
    {
        var row = "<tr><td><a href=\"https://x.example\">News</a> and more news</td></tr>";

        Assert.False(SanitizedBodies.CanRender(new string('a', SanitizedBodies.MaxHtmlLength + 1)));
        Assert.True(SanitizedBodies.CanRender("<table>" + string.Concat(Enumerable.Repeat(row, 10_000)) + "</table>"));
    }
}
