using System.Runtime.InteropServices;
using HarfBuzzSharp;

namespace Mailroom.Core.Exports.Transcript;

/// <summary>
/// Cuts a font down to the characters a document uses, with HarfBuzz's subsetter (hb-subset, in the native library
/// HarfBuzzSharp ships but does not wrap). Skia's PDF backend as SkiaSharp builds it embeds a TrueType font whole,
/// which for the 3.4 MB CJK face would make every transcript megabytes; a subset keeps it to the glyphs drawn.
/// The subset keeps the font's layout tables for those characters, so shaping (Arabic joining forms) still works.
/// </summary>
internal static class FontSubsetter
{
    private const string HarfBuzz = "libHarfBuzzSharp";

    // Hinting only helps screens at small pixel sizes; a PDF viewer scales outlines.
    private const uint NoHinting = 0x1;

    public static byte[] Subset(Face face, IEnumerable<int> codepoints)
    {
        var input = hb_subset_input_create_or_fail();
        if (input == IntPtr.Zero)
        {
            throw new InvalidOperationException("HarfBuzz could not start a font subset.");
        }

        try
        {
            var unicodes = hb_subset_input_unicode_set(input);
            foreach (var codepoint in codepoints)
            {
                hb_set_add(unicodes, (uint)codepoint);
            }

            hb_subset_input_set_flags(input, NoHinting);
            var subset = hb_subset_or_fail(face.Handle, input);
            if (subset == IntPtr.Zero)
            {
                throw new InvalidOperationException("HarfBuzz could not subset a transcript font.");
            }

            var blob = hb_face_reference_blob(subset);
            try
            {
                var data = hb_blob_get_data(blob, out var length);
                var bytes = new byte[length];
                Marshal.Copy(data, bytes, 0, (int)length);
                return bytes;
            }
            finally
            {
                hb_blob_destroy(blob);
                hb_face_destroy(subset);
            }
        }
        finally
        {
            hb_subset_input_destroy(input);
        }
    }

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_subset_input_create_or_fail();

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_subset_input_unicode_set(IntPtr input);

    [DllImport(HarfBuzz)]
    private static extern void hb_subset_input_set_flags(IntPtr input, uint flags);

    [DllImport(HarfBuzz)]
    private static extern void hb_subset_input_destroy(IntPtr input);

    [DllImport(HarfBuzz)]
    private static extern void hb_set_add(IntPtr set, uint codepoint);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_subset_or_fail(IntPtr face, IntPtr input);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_face_reference_blob(IntPtr face);

    [DllImport(HarfBuzz)]
    private static extern void hb_face_destroy(IntPtr face);

    [DllImport(HarfBuzz)]
    private static extern IntPtr hb_blob_get_data(IntPtr blob, out uint length);

    [DllImport(HarfBuzz)]
    private static extern void hb_blob_destroy(IntPtr blob);
}
