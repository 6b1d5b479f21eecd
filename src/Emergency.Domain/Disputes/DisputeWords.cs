using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>How the timeline and the refusals name the things of petitions and suggestions, as message arguments.</summary>
internal static class DisputeWords
{
    /// <summary>What a complaint is about: the enterprise, the place and the region it names, in that order.</summary>
    public static Arg Describe(DisputeSubject subject) =>
        Arg.Of(new[] { subject.Enterprise, subject.Place, subject.Region }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => Arg.Of(s!)));

    public static Message Describe(FourFixedPoints points) => DisputeTexts.Assigned.With(
        ("leader", points.Leader), ("unit", points.Unit), ("deadline", points.Deadline), ("requirement", points.Requirement));
}
