using Mailroom.Core.Exports.Transcript;

namespace Mailroom.Core.Tests.Exports;

/// <summary>How a transcript line is ordered (bidi) and shaped (HarfBuzz) before it is drawn.</summary>
public sealed class TranscriptShapingTests
{
    [Fact]
    public void VisualRuns_LatinLineWithArabicWord_DrawsOnlyTheArabicRightToLeft()
    {
        var runs = Bidi.VisualRuns("Order 12 مرحبا end", paragraphRightToLeft: false);

        Assert.Equal([new BidiRun(0, 9, false), new BidiRun(9, 5, true), new BidiRun(14, 4, false)], runs);
    }

    [Fact]
    public void VisualRuns_ArabicLineWithNumber_PutsTheNumberLeftOfTheWord_AndKeepsItLeftToRight()
    {
        const string line = "رقم 1042";

        var runs = Bidi.VisualRuns(line, Bidi.IsRightToLeft(line));

        Assert.Equal([new BidiRun(4, 4, false), new BidiRun(0, 4, true)], runs);
    }

    [Fact]
    public void Shape_ArabicWord_JoinsItsLetters()
    {
        const string word = "ببب";
        using var typefaces = new TranscriptTypefaces([word]);
        using var shaper = new LineShaper(typefaces);

        var run = Assert.Single(shaper.Shape(word, new TextStyle(10, Bold: false), paragraphRightToLeft: true));

        // Initial, medial and final forms: none of the three is the letter's isolated (nominal) glyph.
        var isolated = run.Font.GetGlyph('ب');
        Assert.Equal(3, run.Glyphs.Length);
        Assert.All(run.Glyphs, g => Assert.NotEqual(isolated, g));
        Assert.Equal(3, run.Glyphs.Distinct().Count());
    }
}
