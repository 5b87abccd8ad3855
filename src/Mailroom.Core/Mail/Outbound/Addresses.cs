using MimeKit;

namespace Mailroom.Core.Mail.Outbound;

/// <summary>Address lists as the Message rows store them (RFC 5322 text), parsed and compared by address.</summary>
public static class Addresses
{
    public static List<MailboxAddress> Parse(string? list) =>
        !string.IsNullOrWhiteSpace(list) && InternetAddressList.TryParse(list, out var parsed)
            ? parsed.Mailboxes.ToList()
            : [];

    public static string Format(IEnumerable<MailboxAddress> addresses)
    {
        var list = new InternetAddressList();
        list.AddRange(addresses);
        return list.ToString();
    }

    public static bool Same(MailboxAddress a, string address) => string.Equals(a.Address, address, StringComparison.OrdinalIgnoreCase);

    /// <summary>Keeps the first of each address, and none of <paramref name="excluded"/>.</summary>
    public static List<MailboxAddress> Distinct(IEnumerable<MailboxAddress> addresses, IEnumerable<string> excluded)
    {
        var seen = new HashSet<string>(excluded, StringComparer.OrdinalIgnoreCase);
        return addresses.Where(a => seen.Add(a.Address)).ToList();
    }
}
