using Mailroom.Core.Interactions;

namespace Mailroom.Core.Tests.Interactions;

/// <summary>HTML nested deeply enough to stall the sanitizer is recognised in one pass, and real mail is not.</summary>
public sealed class HtmlNestingTests
{
    [Theory]
    [InlineData("<p>Hello <b>there</b></p>", 2)]
    [InlineData("<table><tr><td><img src=x><br>text<br/></td></tr></table>", 3)]
    [InlineData("<div><!-- <span> --> 1 < 2 <hr/></div>", 1)]
    [InlineData("</div></div><p>a</p>", 1)]
    public void DepthOf_CountsOpenElements_NotVoidOnesCommentsOrStrayBrackets(string html, int depth) =>
        Assert.Equal(depth, HtmlNesting.DepthOf(html));

    [Fact]
    public void IsTooDeep_ThousandsOfUnclosedTags_IsTrue() =>
        Assert.True(HtmlNesting.IsTooDeep(string.Concat(Enumerable.Repeat("<b><i>", 50_000)) + "hi"));

    [Fact]
    public void IsTooDeep_ALongButFlatNewsletter_IsFalse()
    {
        var newsletter = string.Concat(Enumerable.Repeat("<table><tr><td><p>News <a href='https://x.example'>more</a></p></td></tr></table>", 5_000));

        Assert.False(HtmlNesting.IsTooDeep(newsletter));
    }
}
