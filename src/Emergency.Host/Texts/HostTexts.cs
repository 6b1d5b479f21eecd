using Emergency.Domain.Messages;

namespace Emergency.Host.Texts;

/// <summary>What the API says about a request itself, before any case is asked.</summary>
public static class HostTexts
{
    public static readonly MessageCode InvalidTitle = new("problem.invalid.title");

    /// <summary>A list's <c>after</c> that is not a position the list gave.</summary>
    public static readonly MessageCode ListAfter = new("list.after", "value");

    public static readonly MessageCode NotFoundTitle = new("problem.notFound.title");

    public static readonly MessageCode NotAllowedTitle = new("problem.notAllowed.title");

    public static readonly MessageCode CommandIdReusedTitle = new("problem.commandIdReused.title");

    public static readonly MessageCode TooLargeTitle = new("problem.tooLarge.title");

    public static readonly MessageCode TooLargeBody = new("problem.tooLarge.body", "length", "max");

    public static readonly MessageCode TooLargeBodyUnknown = new("problem.tooLarge.bodyUnknown", "max");

    public static readonly MessageCode UnavailableTitle = new("problem.unavailable.title");

    public static readonly MessageCode NoSuchCase = new("problem.noSuchCase", "kind");

    public static readonly MessageCode NoSuchId = new("problem.noSuchId", "kind", "id");

    public static readonly MessageCode NotAnId = new("problem.notAnId", "kind", "id");

    public static readonly MessageCode NotJsonContent = new("body.notJsonContent");

    public static readonly MessageCode EmptyBody = new("body.empty");

    public static readonly MessageCode NotValidJson = new("body.notValidJson", "line", "position");

    public static readonly MessageCode NotAnObject = new("body.notAnObject");

    public static readonly MessageCode NotAList = new("body.notAList");

    public static readonly MessageCode UnknownField = new("body.unknownField");

    public static readonly MessageCode NullNotAllowed = new("body.nullNotAllowed");

    public static readonly MessageCode WrongKind = new("body.wrongKind", "expected");

    public static readonly MessageCode MomentWithOffset = new("body.momentWithOffset");

    public static readonly MessageCode WrongShape = new("body.wrongShape");

    public static readonly MessageCode NotValidText = new("body.notValidText");

    public static readonly MessageCode DrillNotAllowedTitle = new("problem.drillNotAllowed.title");

    public static readonly MessageCode InjectRefusedTitle = new("problem.injectRefused.title");

    public static readonly MessageCode IdempotencyKeyShape = new("header.idempotencyKeyShape");

    public static readonly MessageCode UserNameShape = new("user.nameShape", "max");

    public static readonly MessageCode PasswordLength = new("user.passwordLength", "min", "max");

    public static readonly MessageCode NoSuchUser = new("user.noSuchUser");
}

/// <summary>What an id names, in a "not found": each kind of thing the API finds by id.</summary>
public enum CaseNoun
{
    Incident,
    Petition,
    Suggestion,
    MajorDecision,
    Warning,
    EnforcementRegistry,
    EnforcementEntry,
    DisclosureRequest,
}
