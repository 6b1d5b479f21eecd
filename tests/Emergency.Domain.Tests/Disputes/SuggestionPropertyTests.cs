using CsCheck;
using Emergency.Domain.Disputes;

namespace Emergency.Domain.Tests.Disputes;

/// <summary>Random sequences of allowed and arbitrary moves on suggestions keep the same invariants as petitions.</summary>
public sealed class SuggestionPropertyTests
{
    private static readonly Actor Office = SuggestionDrive.Office;

    private static readonly string[] Moves = ["assign", "return", "communication", "reply", "satisfaction", "close"];

    private static readonly Gen<(bool Allowed, int Move, int AdvanceMinutes, int Pick)> AnyStep = Gen.Select(
        Gen.Frequency((4, Gen.Const(true)), (1, Gen.Const(false))),
        Gen.Int[0, Moves.Length - 1],
        Gen.Frequency((5, Gen.Int[0, 24 * 60]), (3, Gen.Int[24 * 60, 15 * 24 * 60]), (1, Gen.Int[15 * 24 * 60, 120 * 24 * 60])),
        Gen.Int[0, 99]);

    [Fact]
    public void Random_sequences_never_close_with_an_open_step_nor_lose_an_overdue() =>
        AnyStep.Array[1, 30].Sample(steps =>
        {
            var suggestion = SuggestionDrive.Register();
            var now = suggestion.State.ReceivedAt.AddHours(1);
            var completed = new Dictionary<string, DateTimeOffset>();
            var overdue = new Dictionary<string, DateTimeOffset>();
            var entries = 0;
            var version = suggestion.State.Version;
            foreach (var (allowed, move, advance, pick) in steps)
            {
                now = now.AddMinutes(advance);
                suggestion.Tick(now);
                Assert.True(suggestion.State.Version >= version, "a tick moved the version back");
                version = suggestion.State.Version;
                var options = allowed ? suggestion.AllowedMoves(now) : Moves;
                if (options.Count == 0)
                {
                    CheckDetached(suggestion, now, decision: null);
                    continue;
                }

                var name = options[(allowed ? pick : move) % options.Count];
                var before = DisputeDrive.Snapshot(suggestion.State);
                var decision = name switch
                {
                    "assign" => suggestion.Judge(SuggestionDrive.Assign(now.Days(1 + (pick % 80)), complex: pick % 4 == 0), Office, now),
                    "return" => suggestion.Judge(new ReturnSuggestion { Reason = "not ours" }, Office, now),
                    "communication" => suggestion.Judge(new RecordCommunication { Means = (CommunicationMeans)(pick % 5) }, Office, now),
                    "reply" => suggestion.Judge(SuggestionDrive.Answer(), Office, now),
                    "satisfaction" => suggestion.Judge(SuggestionDrive.Satisfied((Satisfaction)(pick % 3)), Office, now),
                    _ => suggestion.Judge(new CloseSuggestion(), Office, now),
                };

                var state = suggestion.State;
                CheckDetached(suggestion, now, decision);
                Assert.True(decision.IsAccepted || before == DisputeDrive.Snapshot(state), $"{name} refused ({decision.Reason}) but changed the state");
                Assert.True(state.Version == version + (decision.IsAccepted ? 1 : 0), $"{name} moved the version wrongly");
                version = state.Version;
                Assert.True(state.Timeline.Count >= entries);
                entries = state.Timeline.Count;
                if (state.Phase == SuggestionPhase.Closed)
                {
                    Assert.All(state.Obligations, o => Assert.False(o.IsOpen, $"closed with {o.Id} open"));
                }

                foreach (var o in state.Obligations)
                {
                    if (completed.TryGetValue(o.Id, out var done))
                    {
                        Assert.Equal(done, o.CompletedAt);
                    }
                    else if (o.CompletedAt is { } at)
                    {
                        completed[o.Id] = at;
                    }

                    if (overdue.TryGetValue(o.Id, out var since))
                    {
                        Assert.Equal(since, o.OverdueSince);
                    }
                    else if (o.OverdueSince is { } first)
                    {
                        overdue[o.Id] = first;
                    }
                }

                Assert.True(state.Satisfactions.GroupBy(s => s.Stage).All(g => g.Count() == 1), "satisfaction recorded twice for one answer");
                Assert.True(state.Obligations.Count(o => o.Kind == DisputeObligationKind.NewReply) <= 1, "more than one new reply");
            }
        }, iter: 1_000, threads: 1);

    /// <summary>
    /// What the grain hands out by reference shares nothing mutable with the state: the view with and without the
    /// deputy's contact and the letters, the summary and the decision.
    /// </summary>
    private static void CheckDetached(Suggestion suggestion, DateTimeOffset now, Decision? decision) =>
        Detachment.Check(
            suggestion.State,
            ("view", suggestion.View(now, includePersonalData: true)),
            ("redacted view", suggestion.View(now, includePersonalData: false)),
            ("summary", suggestion.Summary(now)),
            ("decision", decision));
}
