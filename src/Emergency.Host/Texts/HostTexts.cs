using Emergency.Domain.Messages;

namespace Emergency.Host.Texts;

/// <summary>What the API says about a request itself, before any case is asked.</summary>
public static class HostTexts
{
    public static readonly MessageCode InvalidTitle = new("problem.invalid.title");

    public static readonly MessageCode NotFoundTitle = new("problem.notFound.title");

    public static readonly MessageCode NotAllowedTitle = new("problem.notAllowed.title");

    public static readonly MessageCode CommandIdReusedTitle = new("problem.commandIdReused.title");

    public static readonly MessageCode TooLargeTitle = new("problem.tooLarge.title");

    public static readonly MessageCode TooLargeBody = new("problem.tooLarge.body", "length", "max");

    public static readonly MessageCode TooLargeBodyUnknown = new("problem.tooLarge.bodyUnknown", "max");

    public static readonly MessageCode UnavailableTitle = new("problem.unavailable.title");

    public static readonly MessageCode NoSuchCase = new("problem.noSuchCase", "kind");
}
