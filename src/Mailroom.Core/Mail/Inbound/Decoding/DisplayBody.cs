using System.Net;
using Mailroom.Core.Mail.Outbound;
using MimeKit;

namespace Mailroom.Core.Mail.Inbound.Decoding;

/// <summary>
/// What a mail client would show of a message, in order: every inline text part, not just the first (Apple
/// Mail puts text, a photo, more text, a PDF and a signature in one multipart/mixed; lists append a footer
/// after the alternative). Of a multipart/alternative the last text and the last HTML rendition are taken,
/// as RFC 2046 orders them by preference. Text and HTML are both produced when any part is HTML, the
/// missing rendition converted from the other, so each view reads the whole message.
/// </summary>
public static class DisplayBody
{
    private sealed record Segment(string? Text, string? Html);

    public static (string? Text, string? Html) Extract(MimeMessage message)
    {
        var segments = new List<Segment>();
        Collect(message.Body, segments);
        var joined = Join(segments);
        return (joined?.Text, joined?.Html);
    }

    /// <summary>Text parts shown as the body; every other part, a named text file included, is an attachment.</summary>
    public static bool IsDisplayed(TextPart part) =>
        !part.IsAttachment && part.FileName is null && (part.IsPlain || part.IsHtml || part.IsEnriched || IsRichtext(part));

    private static void Collect(MimeEntity? entity, List<Segment> into)
    {
        switch (entity)
        {
            case MultipartAlternative alternative:
                if (Choose(alternative) is { } chosen)
                {
                    into.Add(chosen);
                }

                break;
            case MultipartRelated related:
                // The root is what is shown; the other parts are the images it refers to.
                Collect(related.Root, into);
                break;
            case Multipart { Count: 0 } empty when !string.IsNullOrWhiteSpace(empty.Preamble):
                // A multipart whose boundary never occurs: all its text landed in the preamble, which is what clients show.
                into.Add(new Segment(empty.Preamble, null));
                break;
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Collect(child, into);
                }

                break;
            case TextPart text when IsDisplayed(text):
                into.Add(Read(text));
                break;
        }
    }

    private static Segment? Choose(MultipartAlternative alternative)
    {
        Segment? text = null;
        Segment? html = null;
        foreach (var child in alternative)
        {
            var segments = new List<Segment>();
            Collect(child, segments);
            if (Join(segments) is { } rendition)
            {
                if (rendition.Html is not null)
                {
                    html = rendition;
                }
                else
                {
                    text = rendition;
                }
            }
        }

        return text is null && html is null ? null : new Segment(text?.Text ?? html!.Text, html?.Html);
    }

    private static Segment? Join(List<Segment> segments)
    {
        if (segments.Count <= 1)
        {
            return segments.FirstOrDefault();
        }

        var text = segments.Any(s => s.Text is not null)
            ? string.Join("\n\n", segments.Select(s => (s.Text ?? HtmlToText.Convert(s.Html!)).TrimEnd('\r', '\n')))
            : null;
        var html = segments.Any(s => s.Html is not null)
            ? string.Join("\n", segments.Select(s => s.Html ?? $"<pre style=\"white-space:pre-wrap\">{WebUtility.HtmlEncode(s.Text)}</pre>"))
            : null;
        return new Segment(text, html);
    }

    private static Segment Read(TextPart part)
    {
        using var content = new MemoryStream();
        part.Content?.DecodeTo(content);
        var text = MailCharsets.Decode(content.GetBuffer().AsSpan(0, (int)content.Length), part.ContentType.Charset);
        return part.IsHtml ? new Segment(null, text)
            : part.IsEnriched || IsRichtext(part) ? new Segment(EnrichedText.ToPlain(text, IsRichtext(part)), null)
            : new Segment(text, null);
    }

    private static bool IsRichtext(TextPart part) => part.ContentType.IsMimeType("text", "richtext");
}
