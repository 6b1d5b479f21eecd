using Emergency.Domain.Disclosure;
using Emergency.Domain.Tests.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disclosure;

/// <summary>The real disclosure rules on the real holiday calendar, and well-formed requests; tests change only what they are about.</summary>
public static class DisclosureDrive
{
    public static readonly Actor Officer = new("open-office-1", Role.PetitionOfficer);

    private static readonly Lazy<DisclosureRuleCatalog> LazyRules = new(() => DisclosureRuleLoader.Load(Directory, RealDisputeRules.Calendar));

    private static int _sequence;

    public static string Directory => Path.Combine(RepoPaths.Config, "rules", "disclosure");

    public static DisclosureRuleCatalog Rules => LazyRules.Value;

    public static RegisterDisclosure Command(DateTimeOffset receivedAt, Applicant? applicant = null) => new()
    {
        Channel = DisclosureChannel.InPerson,
        ReceivedAt = receivedAt,
        Applicant = applicant ?? new Applicant { Name = "李四", Contact = "13700137000", IdNumber = "11010519491231002X" },
        Description = "The 2024 discharge monitoring reports of Tianji Coal Chemical; I live at 8 Mill Lane.",
        Form = "electronic",
        Unit = "Changzhi EPB disclosure office",
    };

    public static DisclosureRequest Register(DateTimeOffset receivedAt)
    {
        var command = Command(receivedAt);
        var (request, decision) = DisclosureRequest.Register($"dis-{Interlocked.Increment(ref _sequence)}", "live", command, Officer, Rules, receivedAt.AddMinutes(5));
        Assert.True(decision.IsAccepted, decision.Reason.En());
        return Assert.IsType<DisclosureRequest>(request);
    }

    public static Domain.Disputes.DisputeObligation AnswerLimit(this DisclosureRequest request) =>
        request.State.Obligations.Last(o => o.Kind == Domain.Disputes.DisputeObligationKind.DisclosureAnswer);

    public static AnswerDisclosure Disclosed(DateTimeOffset? at = null) => new() { Kind = AnswerKind.Disclosed, Content = "Dear 李四, the reports are enclosed.", At = at };

    public static ExtendDisclosure Extension(DateTimeOffset approvedAt, string approvedBy = "Director Wang", int? length = null) => new()
    {
        ApprovedBy = approvedBy,
        ApprovedAt = approvedAt,
        ApplicantToldAt = approvedAt.AddHours(1),
        Reason = "The reports are held by three monitoring stations.",
        Length = length,
    };
}
