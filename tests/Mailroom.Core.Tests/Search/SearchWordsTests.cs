using Mailroom.Core.Search;

namespace Mailroom.Core.Tests.Search;

public sealed class SearchWordsTests
{
    [Theory]
    [InlineData("jane.doe@customer.test", true)]
    [InlineData("a@b.c", true)]
    [InlineData("doe@custo", false)]      // part of an address: a substring search
    [InlineData("@customer.test", false)]
    [InlineData("jane@.test", false)]
    [InlineData("a@b@c.test", false)]
    [InlineData("refund", false)]
    public void IsAddress_OnlyForAWholeAddress(string word, bool expected) => Assert.Equal(expected, SearchWords.IsAddress(word));

    [Theory]
    [InlineData("refu", true)]
    [InlineData("order2002", true)]
    [InlineData("2002", false)]
    [InlineData("jane.doe@customer.test", false)]
    public void MayBePrefix_NotForNumbersOrAddresses(string word, bool expected) => Assert.Equal(expected, SearchWords.MayBePrefix(word));

    [Fact]
    public void Parse_KeepsAddressCharacters_DropsQueryOperators() =>
        Assert.Equal(["jane.doe@customer.test", "refund"], SearchWords.Parse("  Jane.Doe@Customer.test \"refund*\" ").Words);
}
