using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Supervision;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>On-time rates per unit and period, the "three 100 %" and the overdue list, all counted against "now".</summary>
public sealed class EfficiencySupervisionTests
{
    private static readonly Actor Officer = DisputeDrive.Officer;
    private static readonly TimeSpan China = Moments.China;

    [Fact]
    public void Acceptance_and_completion_rates_count_what_was_due_per_unit_and_month()
    {
        var onTime = DisputeDrive.Replied(); // accepted day 3, replied day 20: both on time, reply due in May
        var lateAcceptance = DisputeDrive.Register();
        lateAcceptance.Handle(DisputeCmd.Accept(), Officer, Moments.At(2013, 3, 22)).Accept();
        var overdue = DisputeDrive.Register();
        var notYetDue = DisputeDrive.Register(DisputeCmd.Register(Moments.At(2013, 3, 25)));
        var now = Moments.At(2013, 3, 30);

        var rates = EfficiencySupervision.Rates(
            [onTime.Summary(now), lateAcceptance.Summary(now), overdue.Summary(now), notYetDue.Summary(now)], [], SupervisionPeriod.Month, now, China);

        var office = Assert.Single(rates, r => r.Unit == "Changzhi EPB petition office");
        Assert.Equal(("2013-03", 3, 1), (office.Period, office.AcceptanceCounted, office.AcceptedOnTime));
        Assert.Equal(0.3333m, office.AcceptanceRate);
        var brigade = Assert.Single(rates, r => r.Unit == "Lucheng environmental monitoring brigade");
        Assert.Equal(("2013-05", 1, 1, 1m), (brigade.Period, brigade.CompletionCounted, brigade.CompletedOnTime, brigade.CompletionRate));
        Assert.Null(brigade.AcceptanceRate);
    }

    [Fact]
    public void A_summary_published_before_its_deadline_is_recounted_as_of_now()
    {
        var dispute = DisputeDrive.Register();
        var published = dispute.Summary(dispute.D(1));
        Assert.False(published.Overdue);

        var later = Moments.At(2013, 4, 2);
        var rates = EfficiencySupervision.Rates([published], [], SupervisionPeriod.Month, later, China);
        var overdue = EfficiencySupervision.Overdue([published], [], later);

        Assert.Equal((1, 0), (rates.Single().AcceptanceCounted, rates.Single().AcceptedOnTime));
        var item = Assert.Single(overdue);
        Assert.Equal((dispute.State.Id, CaseKind.Petition, "acceptance"), (item.CaseId, item.Case, item.Obligation));
        Assert.Equal(Moments.EndOf(2013, 3, 19), item.DueAt);
        Assert.Equal(later - Moments.EndOf(2013, 3, 19), item.OverdueBy);
    }

    [Fact]
    public void An_obligation_withdrawn_with_a_wrong_assignment_is_not_counted()
    {
        var dispute = DisputeDrive.Register(DisputeCmd.Register(Moments.Received2023, receivedBy: ReceivedBy.PetitionOffice));
        dispute.Handle(DisputeCmd.Transfer(), Officer, dispute.D(2)).Accept();
        dispute.Handle(DisputeCmd.WrongAssignment(), Officer, dispute.D(3)).Accept();
        var now = dispute.D(90);

        var rates = EfficiencySupervision.Rates([dispute.Summary(now)], [], SupervisionPeriod.Month, now, China);

        Assert.DoesNotContain(rates, r => r.AcceptanceCounted > 0);
        Assert.Empty(EfficiencySupervision.Overdue([dispute.Summary(now)], [], now));
    }

    [Fact]
    public void The_overdue_list_puts_the_longest_overdue_first_across_petitions_and_suggestions()
    {
        var old = DisputeDrive.Register();
        var recent = DisputeDrive.Register(DisputeCmd.Register(Moments.At(2013, 3, 10)));
        var suggestion = SuggestionDrive.Register(SuggestionDrive.Command(Moments.At(2013, 1, 4)));
        suggestion.Handle(SuggestionDrive.Assign(Moments.At(2013, 2, 1)), SuggestionDrive.Office, Moments.At(2013, 1, 5)).Accept();
        var now = Moments.At(2013, 5, 1);

        var overdue = EfficiencySupervision.Overdue([recent.Summary(now), old.Summary(now)], [suggestion.Summary(now)], now);

        Assert.Equal(
            [(suggestion.State.Id, "handling"), (old.State.Id, "acceptance"), (recent.State.Id, "acceptance"), (suggestion.State.Id, "reply")],
            overdue.Select(o => (o.CaseId, o.Obligation)));
        Assert.Equal("Water environment division", overdue[0].Unit);
    }

    [Theory]
    [InlineData(2013, 3, 31, SupervisionPeriod.Month, "2013-03")]
    [InlineData(2013, 3, 31, SupervisionPeriod.Quarter, "2013-Q1")]
    [InlineData(2013, 12, 31, SupervisionPeriod.Year, "2013")]
    [InlineData(2013, 6, 30, SupervisionPeriod.Quarter, "2013-Q2")]
    public void A_deadline_at_24_00_belongs_to_the_day_that_ends_there(int year, int month, int day, SupervisionPeriod period, string label) =>
        Assert.Equal(label, EfficiencySupervision.Label(Moments.EndOf(year, month, day), period, China));

    [Fact]
    public void The_three_100_percent_count_communication_on_time_and_satisfaction_basically_satisfied_included()
    {
        var model = SuggestionDrive.Replied(communicate: true);
        model.Handle(SuggestionDrive.Satisfied(), SuggestionDrive.Office, model.D(31)).Accept();
        var silent = SuggestionDrive.Replied(communicate: false);
        silent.Handle(SuggestionDrive.Satisfied(Satisfaction.BasicallySatisfied), SuggestionDrive.Office, silent.D(31)).Accept();
        var late = SuggestionDrive.Assigned();
        late.Handle(SuggestionDrive.Answer(), SuggestionDrive.Office, Moments.EndOf(2013, 6, 5).AddHours(3)).Accept();
        late.Handle(SuggestionDrive.Satisfied(Satisfaction.Dissatisfied), SuggestionDrive.Office, Moments.At(2013, 6, 7)).Accept();
        var now = Moments.At(2013, 6, 10);

        var three = Assert.Single(EfficiencySupervision.ThreeHundredPercent([model.Summary(now), silent.Summary(now), late.Summary(now)], SupervisionPeriod.Quarter, now, China));

        Assert.Equal(("Water environment division", "2013-Q2"), (three.Unit, three.Period));
        Assert.Equal((3, 1, 0.3333m), (three.Replied, three.CommunicatedBeforeReply, three.CommunicationRate));
        Assert.Equal((3, 2, 0.6667m), (three.RepliesCounted, three.RepliedOnTime, three.OnTimeRate));
        Assert.Equal((3, 2, 0.6667m), (three.SatisfactionRecorded, three.Satisfied, three.SatisfactionRate));
    }

    [Fact]
    public void Suggestion_replies_count_in_the_completion_rate_of_the_assigned_unit()
    {
        var suggestion = SuggestionDrive.Replied();
        var now = suggestion.D(40);

        var rates = EfficiencySupervision.Rates([], [suggestion.Summary(now)], SupervisionPeriod.Year, now, China);

        Assert.Equal(("Water environment division", "2013", 1, 1), (rates.Single().Unit, rates.Single().Period, rates.Single().CompletionCounted, rates.Single().CompletedOnTime));
    }
}
