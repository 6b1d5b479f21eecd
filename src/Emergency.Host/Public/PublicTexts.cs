using Emergency.Domain.Messages;

namespace Emergency.Host.Public;

/// <summary>What the public API says of itself: its rate limit.</summary>
public static class PublicTexts
{
    public static readonly MessageCode TooManyTitle = new("public.tooMany.title");

    public static readonly MessageCode TooMany = new("public.tooMany", "seconds");
}
