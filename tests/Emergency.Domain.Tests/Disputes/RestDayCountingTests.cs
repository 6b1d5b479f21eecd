using Emergency.Domain.Calendar;
using Emergency.Domain.Disputes;
using Emergency.Testing;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>
/// A limit and the provision its rule set cites for counting agree: 民法典 art. 203 moves a period whose last day is a
/// statutory rest day (法定休假日) to the next working day, so a rule set citing it applies it.
/// </summary>
public sealed class RestDayCountingTests
{
    public static TheoryData<string, string, RestDayRule> CountingOfEveryRuleSet()
    {
        var data = new TheoryData<string, string, RestDayRule>();
        foreach (var rules in RealDisputeRules.Henan.All.Concat(RealDisputeRules.Petitions.All).DistinctBy(r => r.Id))
        {
            data.Add(rules.Id, rules.Counting.Source, rules.Counting.LastDayOnRestDay);
        }

        foreach (var rules in RealDisputeRules.Suggestions.All)
        {
            data.Add(rules.Id, rules.Counting.Source, rules.Counting.LastDayOnRestDay);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(CountingOfEveryRuleSet))]
    public void A_rule_set_that_cites_article_203_moves_a_last_day_on_a_rest_day(string id, string source, RestDayRule rule)
    {
        var cites = source.Contains("art. 203", StringComparison.Ordinal) || source.Contains("art. 154", StringComparison.Ordinal);
        Assert.True(cites == (rule == RestDayRule.MovesToNextWorkingDay), $"{id}: counting cites art. 203: {cites}, applies it: {rule}");
    }

    [Fact]
    public void A_petition_reply_due_on_the_Qingming_Saturday_runs_to_the_make_up_working_Sunday()
    {
        var dispute = DisputeDrive.Handled(catalog: RealDisputeRules.Henan);

        var reply = dispute.Obligation(DisputeObligationKind.Reply);
        Assert.Equal(Moments.EndOf(2013, 4, 7), reply.DueAt);
        Assert.Contains("moved from the rest day Sat 2013-04-06 to the next working day", reply.DeadlineBasis.En(), StringComparison.Ordinal);
    }
}
