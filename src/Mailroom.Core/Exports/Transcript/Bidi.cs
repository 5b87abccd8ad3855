using System.Globalization;
using System.Text;

namespace Mailroom.Core.Exports.Transcript;

/// <summary>A piece of a line written in one direction, as UTF-16 offsets into the line.</summary>
internal readonly record struct BidiRun(int Start, int Length, bool RightToLeft);

/// <summary>
/// The order in which the pieces of a line that mixes left-to-right and right-to-left writing are drawn: the Unicode
/// bidirectional algorithm (UAX #9) reduced to what mail text needs, as .NET has no bidi API. Letters set the
/// direction; numbers read left to right (with a separator between two digits, as in 1,000 or 12:30); spaces and
/// punctuation between two letters of one direction take it, other ones the paragraph's. Explicit embeddings,
/// overrides and isolates (the control characters for them) are not followed.
/// </summary>
internal static class Bidi
{
    private enum Kind { Left, Right, Number, NumberSeparator, Neutral }

    /// <summary>Whether a paragraph reads right to left: its first letter is Hebrew, Arabic or another such script.</summary>
    public static bool IsRightToLeft(string paragraph) => Classify(paragraph).FirstOrDefault(k => k is Kind.Left or Kind.Right) == Kind.Right;

    /// <summary>The runs of <paramref name="line"/> in drawing order, left to right.</summary>
    public static IReadOnlyList<BidiRun> VisualRuns(string line, bool paragraphRightToLeft)
    {
        var kinds = Classify(line);
        var levels = Levels(kinds, paragraphRightToLeft);
        var runs = new List<(BidiRun Run, int Level)>();
        for (var start = 0; start < line.Length;)
        {
            var end = start;
            while (end < line.Length && levels[end] == levels[start])
            {
                end++;
            }

            runs.Add((new BidiRun(start, end - start, levels[start] % 2 == 1), levels[start]));
            start = end;
        }

        // Rule L2: from the highest level down to 1, reverse every stretch of runs at that level or higher.
        for (var level = runs.Count == 0 ? 0 : runs.Max(r => r.Level); level >= 1; level--)
        {
            for (var i = 0; i < runs.Count; i++)
            {
                var end = i;
                while (end < runs.Count && runs[end].Level >= level)
                {
                    end++;
                }

                runs.Reverse(i, end - i);
                i = end;
            }
        }

        return runs.ConvertAll(r => r.Run);
    }

    private static int[] Levels(Kind[] kinds, bool paragraphRightToLeft)
    {
        var paragraph = paragraphRightToLeft ? Kind.Right : Kind.Left;
        JoinSeparatedNumbers(kinds);
        var strong = paragraph;
        for (var i = 0; i < kinds.Length; i++)
        {
            // Rule W7: a number after left-to-right text (or at the start of such a paragraph) is part of it.
            if (kinds[i] is Kind.Left or Kind.Right)
            {
                strong = kinds[i];
            }
            else if (kinds[i] == Kind.Number && strong == Kind.Left)
            {
                kinds[i] = Kind.Left;
            }
        }

        ResolveNeutrals(kinds, paragraph);
        return Array.ConvertAll(kinds, k => (paragraphRightToLeft, k) switch
        {
            (false, Kind.Left) => 0,
            (false, Kind.Right) or (true, Kind.Right) => 1,
            _ => 2,
        });
    }

    // Rule W4: one separator between two digits belongs to the number; any other is neutral.
    private static void JoinSeparatedNumbers(Kind[] kinds)
    {
        for (var i = 0; i < kinds.Length; i++)
        {
            if (kinds[i] == Kind.NumberSeparator)
            {
                kinds[i] = i > 0 && i + 1 < kinds.Length && kinds[i - 1] == Kind.Number && kinds[i + 1] == Kind.Number ? Kind.Number : Kind.Neutral;
            }
        }
    }

    // Rules N1 and N2: neutrals between two of one direction take it (a number counts as right to left), others the paragraph's.
    private static void ResolveNeutrals(Kind[] kinds, Kind paragraph)
    {
        for (var start = 0; start < kinds.Length; start++)
        {
            if (kinds[start] != Kind.Neutral)
            {
                continue;
            }

            var end = start;
            while (end < kinds.Length && kinds[end] == Kind.Neutral)
            {
                end++;
            }

            var before = start == 0 ? paragraph : Direction(kinds[start - 1]);
            var after = end == kinds.Length ? paragraph : Direction(kinds[end]);
            Array.Fill(kinds, before == after ? before : paragraph, start, end - start);
            start = end;
        }
    }

    private static Kind Direction(Kind kind) => kind == Kind.Number ? Kind.Right : kind;

    private static Kind[] Classify(string line)
    {
        var kinds = new Kind[line.Length];
        var previous = Kind.Neutral;
        for (var i = 0; i < line.Length;)
        {
            var rune = Rune.GetRuneAt(line, i);
            var kind = KindOf(rune, previous);
            Array.Fill(kinds, kind, i, rune.Utf16SequenceLength);
            previous = kind;
            i += rune.Utf16SequenceLength;
        }

        return kinds;
    }

    private static Kind KindOf(Rune rune, Kind previous)
    {
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark ? previous // rule W1: a mark goes with its letter
            : Rune.IsDigit(rune) ? Kind.Number
            : IsRightToLeftScript(rune.Value) ? Kind.Right
            : Rune.IsLetter(rune) || category == UnicodeCategory.SpacingCombiningMark ? Kind.Left
            : rune.Value is ',' or '.' or ':' or '/' ? Kind.NumberSeparator
            : Kind.Neutral;
    }

    // Hebrew, Arabic, Syriac, Thaana, N'Ko and their presentation forms and historic relatives.
    private static bool IsRightToLeftScript(int c) =>
        c is (>= 0x0590 and <= 0x08FF) or (>= 0xFB1D and <= 0xFDFF) or (>= 0xFE70 and <= 0xFEFF) or (>= 0x10800 and <= 0x10FFF) or (>= 0x1E800 and <= 0x1EFFF);
}
