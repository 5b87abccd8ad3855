namespace Mailroom.Core.Common;

/// <summary>Bad input: the API answers 400 with these field errors, the UI shows them beside the fields.</summary>
public sealed class ValidationFailedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("Validation failed: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(' ', e.Value)}")))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static ValidationFailedException For(string field, string error) => new(new Dictionary<string, string[]> { [field] = [error] });
}

/// <summary>Unknown id, or an id the actor may not see (404, so nobody learns what exists elsewhere).</summary>
public sealed class NotFoundException(string what) : Exception($"{what} was not found.");

/// <summary>The actor's role does not allow the action (403).</summary>
public sealed class ForbiddenException(string reason) : Exception(reason);

/// <summary>The state changed under the caller, or the action clashes with existing data (409).</summary>
public sealed class ConflictException(string reason) : Exception(reason);
