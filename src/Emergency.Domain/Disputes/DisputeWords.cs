using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>How the timeline and the refusals name the things of petitions and suggestions, as message arguments.</summary>
internal static class DisputeWords
{
    /// <summary>
    /// What a complaint is about: the enterprise, the place and the region it names, in that order. Joined here, not
    /// passed as a list argument: a timeline entry is handed out by reference, and a list argument is a collection.
    /// </summary>
    public static Arg Describe(DisputeSubject subject) =>
        string.Join(", ", new[] { subject.Enterprise, subject.Place, subject.Region }.Where(s => !string.IsNullOrWhiteSpace(s)));

    /// <summary>Case ids as one text argument of a timeline entry (ids read the same in every language).</summary>
    public static Arg Ids(IEnumerable<string> ids) => string.Join(", ", ids);

    public static Message Describe(FourFixedPoints points) => DisputeTexts.Assigned.With(
        ("leader", points.Leader), ("unit", points.Unit), ("deadline", points.Deadline), ("requirement", points.Requirement));
}
