namespace Emergency.Domain.Disputes;

/// <summary>How the timeline and the refusals name the things of petitions and suggestions: English with the Chinese term.</summary>
internal static class DisputeWords
{
    public static string Describe(PetitionChannel channel) => channel switch
    {
        PetitionChannel.Visit => "a visit (走访)",
        PetitionChannel.Letter => "a letter (来信)",
        PetitionChannel.Online => "an online petition (网上信访)",
        _ => "a 12369 hotline report (举报)",
    };

    public static string Describe(DisputeSubject subject) =>
        string.Join(", ", new[] { subject.Enterprise, subject.Place, subject.Region }.Where(s => !string.IsNullOrWhiteSpace(s)));

    public static string Describe(Satisfaction satisfaction) => satisfaction switch
    {
        Satisfaction.Satisfied => "satisfied (满意)",
        Satisfaction.BasicallySatisfied => "basically satisfied (基本满意)",
        _ => "dissatisfied (不满意)",
    };

    public static string Describe(AnswerStage stage) => stage switch
    {
        AnswerStage.Reply => "reply (答复意见)",
        AnswerStage.Review => "review opinion (复查意见)",
        AnswerStage.SecondReview => "second review opinion (复核意见)",
        _ => "new reply (重新答复)",
    };

    public static string Describe(SuggestionKind kind) => kind switch
    {
        SuggestionKind.DeputySuggestion => "a deputy's suggestion (人大代表建议)",
        _ => "a member's proposal (政协委员提案)",
    };

    public static string Describe(FourFixedPoints points) =>
        $"Assigned (四定): leader {points.Leader}, unit {points.Unit}, deadline {Durations.Describe(points.Deadline)}; requirement: {points.Requirement}";
}
