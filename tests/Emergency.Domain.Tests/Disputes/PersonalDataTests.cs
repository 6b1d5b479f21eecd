using System.Reflection;
using System.Text.Json;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// The complainant's name, contact and id number are personal data: marked, shown only to the roles that need them,
/// and never in a summary, a public view, the timeline or a refusal.
/// </summary>
public sealed class PersonalDataTests
{
    private static readonly Actor Officer = DisputeDrive.Officer;

    private static readonly string[] Secrets = ["张三", "13800138000", "11010519491231002X", "12 River Road", "Dear 张三"];

    [Theory]
    [InlineData(typeof(DisputeSummary))]
    [InlineData(typeof(DisputePublicView))]
    [InlineData(typeof(SuggestionSummary))]
    [InlineData(typeof(Emergency.Domain.Disclosure.DisclosureSummary))]
    public void Nothing_a_summary_can_reach_is_marked_personal(Type type)
    {
        var reached = Reachable(type).ToList();

        Assert.Contains(type, reached);
        Assert.DoesNotContain(reached, t => t.GetCustomAttribute<PersonalDataAttribute>() is not null);
        Assert.DoesNotContain(reached.SelectMany(t => t.GetProperties()), p => p.GetCustomAttribute<PersonalDataAttribute>() is not null);
    }

    [Fact]
    public void The_walk_finds_personal_data_where_there_is_some()
    {
        Assert.Contains(typeof(Complainant), Reachable(typeof(DisputeView)));
        Assert.Contains(typeof(Answer), Reachable(typeof(SuggestionView)));
    }

    [Fact]
    public void The_personal_fields_are_marked()
    {
        Assert.NotNull(typeof(Complainant).GetCustomAttribute<PersonalDataAttribute>());
        Assert.All(typeof(Complainant).GetProperties(), p => Assert.NotNull(p.GetCustomAttribute<PersonalDataAttribute>()));
        Assert.NotNull(typeof(DisputeState).GetProperty(nameof(DisputeState.Complainant))!.GetCustomAttribute<PersonalDataAttribute>());
        Assert.NotNull(typeof(DisputeState).GetProperty(nameof(DisputeState.Content))!.GetCustomAttribute<PersonalDataAttribute>());
        Assert.NotNull(typeof(Deputy).GetProperty(nameof(Deputy.Contact))!.GetCustomAttribute<PersonalDataAttribute>());
    }

    [Fact]
    public void A_whole_procedure_leaves_no_personal_data_in_the_summary_the_public_view_or_the_timeline()
    {
        var dispute = DisputeDrive.SecondReviewed();
        var now = dispute.D(61);

        var summary = JsonSerializer.Serialize(dispute.Summary(now));
        var publicView = JsonSerializer.Serialize(dispute.PublicView(now));
        var timeline = JsonSerializer.Serialize(dispute.State.Timeline);
        var redacted = JsonSerializer.Serialize(dispute.ViewFor(DisputeDrive.Commander, now));

        foreach (var secret in Secrets)
        {
            Assert.DoesNotContain(secret, summary, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, publicView, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, timeline, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, redacted, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_petition_officer_sees_the_complainant_and_the_letters()
    {
        var dispute = DisputeDrive.Replied();

        var view = dispute.ViewFor(Officer, dispute.D(21));
        var redacted = dispute.ViewFor(DisputeDrive.Commander, dispute.D(21));

        Assert.False(view.PersonalDataRedacted);
        Assert.Equal(DisputeCmd.Zhang, view.Complainant);
        Assert.Contains("张三", view.Content, StringComparison.Ordinal);
        Assert.StartsWith("Dear 张三", view.Answers.Single().Content, StringComparison.Ordinal);
        Assert.True(redacted.PersonalDataRedacted);
        Assert.Null(redacted.Complainant);
        Assert.Null(redacted.Content);
        Assert.Equal(DisputeViews.Redacted, redacted.Answers.Single().Content);
        Assert.Equal(view.Subject, redacted.Subject);
        Assert.True(DisputeViews.MaySeePersonalData(Role.PetitionOfficer));
        Assert.All(Enum.GetValues<Role>().Where(r => r != Role.PetitionOfficer), r => Assert.False(DisputeViews.MaySeePersonalData(r)));
    }

    [Fact]
    public void A_refused_id_number_is_not_repeated_in_the_refusal()
    {
        const string Wrong = "110105194912310021";
        var command = DisputeCmd.Register() with { Complainant = DisputeCmd.Zhang with { IdNumber = Wrong } };

        var (_, decision) = Dispute.Register("xf-p1", "live", command, Officer, RealDisputeRules.Petitions, Moments.Received2013.Days(1));

        Assert.DoesNotContain(Wrong, decision.Reason.En(), StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, JsonSerializer.Serialize(decision), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("11010519491231002x")]
    [InlineData("440524188001010014")]
    [InlineData("110105491231002")]
    public void Valid_id_numbers_are_taken(string idNumber)
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register() with { Complainant = new Complainant { IdNumber = idNumber } });

        Assert.Equal(idNumber.ToUpperInvariant(), dispute.State.Complainant.IdNumber);
    }

    [Fact]
    public void A_suggestion_summary_names_the_deputy_but_not_the_contact()
    {
        var suggestion = SuggestionDrive.Replied();

        var summary = JsonSerializer.Serialize(suggestion.Summary(suggestion.D(40)));

        Assert.Contains(SuggestionDrive.DeputyName, summary, StringComparison.Ordinal);
        Assert.DoesNotContain(SuggestionDrive.DeputyContact, summary, StringComparison.Ordinal);
        Assert.Null(suggestion.View(suggestion.D(40), includePersonalData: false).DeputyContact);
    }

    /// <summary>Every type a value of <paramref name="root"/> can hold, through properties, lists and nullables.</summary>
    private static IEnumerable<Type> Reachable(Type root)
    {
        var seen = new HashSet<Type>();
        var queue = new Queue<Type>([root]);
        while (queue.TryDequeue(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    queue.Enqueue(argument);
                }

                continue;
            }

            if (type.Namespace?.StartsWith("Emergency", StringComparison.Ordinal) != true || !seen.Add(type))
            {
                continue;
            }

            foreach (var property in type.GetProperties())
            {
                queue.Enqueue(property.PropertyType);
            }
        }

        return seen;
    }
}
