using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Rules;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>Registers suggestions and brings them into each phase; each step at a fixed day after receipt.</summary>
public static class SuggestionDrive
{
    public const string DeputyName = "Deputy Zhao";
    public const string DeputyContact = "13900139000";

    public static readonly Actor Office = new("office-1", Role.PetitionOfficer);

    private static int _sequence;

    public static RegisterSuggestion Command(DateTimeOffset? receivedAt = null) => new()
    {
        Kind = SuggestionKind.DeputySuggestion,
        Number = "第1024号",
        Title = "Clean up the Zhuozhang river",
        Deputy = new Deputy { Name = DeputyName, Contact = DeputyContact },
        Content = "Build a treatment plant for the coal chemical park.",
        ReceivedAt = receivedAt ?? Moments.Received2013,
        Unit = "EPB general office",
    };

    public static AssignSuggestion Assign(DateTimeOffset deadline, DateTimeOffset? at = null, bool complex = false) => new()
    {
        Leader = "Deputy director Li",
        Unit = "Water environment division",
        Requirement = "Answer on the treatment plant plan.",
        Deadline = deadline,
        At = at,
        Complex = complex,
        ComplexBecause = complex ? "Needs the city, two counties and the park." : null,
    };

    public static ReplyToDeputy Answer(DateTimeOffset? at = null) => new() { Content = "Dear 张三, the plant was ordered to stop the discharge.", At = at };

    public static RecordDeputySatisfaction Satisfied(Satisfaction satisfaction = Satisfaction.Satisfied, DateTimeOffset? at = null) => new() { Satisfaction = satisfaction, At = at };

    public static Suggestion Register(RegisterSuggestion? command = null, SuggestionRuleCatalog? catalog = null)
    {
        command ??= Command();
        var (suggestion, decision) = Suggestion.Register($"jy-{Interlocked.Increment(ref _sequence)}", "live", command, Office, catalog ?? RealDisputeRules.Suggestions, command.ReceivedAt.AddMinutes(5));
        Assert.True(decision.IsAccepted, decision.Reason.En());
        CommandsKept.CheckRegistered(suggestion!, command);
        return Assert.IsType<Suggestion>(suggestion);
    }

    public static DateTimeOffset D(this Suggestion suggestion, double days) => suggestion.State.ReceivedAt.Days(days);

    public static DisputeObligation Obligation(this Suggestion suggestion, DisputeObligationKind kind) => suggestion.State.Obligations.Last(o => o.Kind == kind);

    /// <summary>Assigned on day 1 with a deadline on day 60.</summary>
    public static Suggestion Assigned(bool complex = false)
    {
        var suggestion = Register();
        suggestion.Handle(Assign(suggestion.D(60), complex: complex), Office, suggestion.D(1)).Accept();
        return suggestion;
    }

    /// <summary>Communicated on day 20 (unless told not to), replied on day 30.</summary>
    public static Suggestion Replied(bool communicate = true)
    {
        var suggestion = Assigned();
        if (communicate)
        {
            suggestion.Handle(new RecordCommunication { Means = CommunicationMeans.Visit }, Office, suggestion.D(20)).Accept();
        }

        suggestion.Handle(SuggestionDrive.Answer(), Office, suggestion.D(30)).Accept();
        return suggestion;
    }
}
