using AngleSharp.Html.Parser;
using Mailroom.Core.Interactions;

namespace Mailroom.Core.Tests.Interactions;

/// <summary>What a customer's HTML may do once sanitized: links go to new tabs; nothing runs or navigates the frame.</summary>
public sealed class SafeHtmlTests
{
    private static readonly ImageSources Blocked = new(cid => "/media/" + cid, null);

    [Fact]
    public void LinksAndImageMapAreas_OpenANewTabWithoutOpenerOrReferrer()
    {
        var html = SafeHtml.Render("""
            <a href="https://shop.example/offer">offer</a>
            <img usemap="#m" alt="map"><map name="m"><area shape="rect" coords="0,0,9,9" href="https://shop.example/track" target="_self"></map>
            """, Blocked);

        var document = new HtmlParser().ParseDocument(html);
        var links = document.QuerySelectorAll("a, area");
        Assert.Equal(2, links.Length);
        Assert.All(links, link =>
        {
            Assert.Equal("_blank", link.GetAttribute("target"));
            Assert.Equal("noopener noreferrer", link.GetAttribute("rel"));
        });
    }

    [Fact]
    public void ScriptLinksAreDisarmed_AndRemoteImagesBlocked()
    {
        var html = SafeHtml.Render("""<a href="javascript:alert(1)">x</a><img src="http://tracker.example/p.gif">""", Blocked);

        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(" src=\"http://tracker", html, StringComparison.Ordinal);
        Assert.Contains("data-blocked-src=\"http://tracker.example/p.gif\"", html, StringComparison.Ordinal);
    }
}
