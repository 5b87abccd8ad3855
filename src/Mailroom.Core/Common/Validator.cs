using System.Net.Mail;

namespace Mailroom.Core.Common;

/// <summary>Collects field errors so one answer names every bad field, not just the first.</summary>
public sealed class Validator
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public Validator Required(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
        }

        return this;
    }

    public Validator Length(string field, string? value, int min, int max)
    {
        if (value is not null && (value.Length < min || value.Length > max))
        {
            Add(field, min == max ? $"must be {min} characters." : $"must be {min} to {max} characters.");
        }

        return this;
    }

    public Validator Range(string field, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            Add(field, $"must be between {min} and {max}.");
        }

        return this;
    }

    public Validator Email(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, "is required.");
        }
        else if (!IsEmail(value))
        {
            Add(field, $"'{value}' is not an email address.");
        }

        return this;
    }

    public Validator When(bool condition, string field, string error)
    {
        if (condition)
        {
            Add(field, error);
        }

        return this;
    }

    public void Add(string field, string error)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            _errors[field] = list = [];
        }

        list.Add($"{field} {error}");
    }

    public void ThrowIfInvalid()
    {
        if (_errors.Count > 0)
        {
            throw new ValidationFailedException(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }
    }

    public static bool IsEmail(string value) =>
        MailAddress.TryCreate(value, out var address) && address.Address == value && address.DisplayName.Length == 0;
}
