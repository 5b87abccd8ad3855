using Mailroom.Core.Notes;

namespace Mailroom.Core.Tests.Notes;

public sealed class MentionNamesTests
{
    private static readonly MentionCandidate Bob = new(1, "Bob Smith", "bob.smith@example.test");
    private static readonly MentionCandidate Bea = new(2, "Bea Jones", "bjones@example.test");
    private static readonly MentionCandidate Bob2 = new(3, "Bob Miller", "rmiller@example.test");

    [Theory]
    [InlineData("@bob.smith can you check?")]
    [InlineData("Ask @BobSmith.")]
    [InlineData("(@bob.smith)")]
    [InlineData("Thanks,\n@Bob.Smith")]
    public void Find_ByAddressLocalPartOrWholeName_NamesTheColleague(string text) =>
        Assert.Equal([1], MentionNames.Find(text, [Bob, Bea, Bob2]));

    [Fact]
    public void Find_ByFirstName_OnlyWhenOneColleagueHasIt()
    {
        Assert.Equal([2], MentionNames.Find("@bea please", [Bob, Bea, Bob2]));
        Assert.Empty(MentionNames.Find("@bob please", [Bob, Bea, Bob2]));
        Assert.Equal([1], MentionNames.Find("@bob please", [Bob, Bea]));
    }

    [Fact]
    public void Find_AnEmailAddressOrAnUnknownName_NamesNobody() =>
        Assert.Empty(MentionNames.Find("write to bob.smith@example.test or @nobody", [Bob, Bea]));

    [Fact]
    public void Find_SeveralAndRepeated_NamesEachOnceInOrder() =>
        Assert.Equal([2, 1], MentionNames.Find("@bjones and @bob.smith, @bjones again", [Bob, Bea]));

    [Theory]
    [InlineData("Hi @", "")]
    [InlineData("Hi @bo", "bo")]
    [InlineData("@Bob.S", "Bob.S")]
    [InlineData("write to bob@exam", null)]
    [InlineData("@bob done", null)]
    public void Typing_IsTheMentionWordTheTextEndsWith(string text, string? typed) =>
        Assert.Equal(typed, MentionNames.Typing(text));

    [Fact]
    public void Suggest_MatchesAnyWordOfTheNameOrTheAddress_ByName()
    {
        Assert.Equal([Bob2, Bob], MentionNames.Suggest("bo", [Bob, Bea, Bob2]));
        Assert.Equal([Bob2], MentionNames.Suggest("mill", [Bob, Bea, Bob2]));
        Assert.Equal([Bea], MentionNames.Suggest("bj", [Bob, Bea, Bob2]));
        Assert.Equal(3, MentionNames.Suggest("", [Bob, Bea, Bob2]).Count);
    }

    [Fact]
    public void Complete_WritesAWordThatNamesOnlyThePickedColleague()
    {
        Assert.Equal("Ask @Bob.Smith ", MentionNames.Complete("Ask @bo", Bob, [Bob, Bea, Bob2]));
        var namesake = new MentionCandidate(4, "Bob Smith", "robert@example.test");
        var completed = MentionNames.Complete("Ask @bo", namesake, [Bob, namesake]);
        Assert.Equal("Ask @robert ", completed);
        Assert.Equal([4], MentionNames.Find(completed, [Bob, namesake]));
    }
}
