using Emergency.Domain.Drills;

namespace Emergency.Grains.Drills;

/// <summary>
/// A fast run sends ahead (<see cref="DrillRun.SendsAhead"/>): the moves of different incidents go out without waiting for
/// each other's answers, each incident's in order, after the deadline advances the incident would have had one moment
/// at a time. Almost every moment of a long drill holds one inject, so one moment at a time the run was a chain of one
/// grain call after another. What the run records is recorded moment by moment in the scenario's order once the answers
/// are in, and a turn ends with every answer in and every incident advanced to the drill's clock, where one moment at a
/// time leaves them: checkpoints, and the report, are the same.
/// </summary>
public sealed partial class DrillGrain
{
    /// <summary>Deadline advances made by <see cref="AdvanceUntil"/>: they count in a turn's commands, as one moment at a time.</summary>
    private int _advancedAhead;

    /// <summary>
    /// Applies every moment up to <paramref name="target"/> as <see cref="RunUntil"/> does, sending ahead what may be.
    /// Returns false when the budget ran out first; either way with every answer in, recorded, and every incident whose
    /// deadline passed by the drill's clock advanced.
    /// </summary>
    private async Task<bool> RunAhead(DateTimeOffset target, int budget)
    {
        var lanes = new Dictionary<string, Task>(StringComparer.Ordinal);
        var sent = new List<(DueMoment Due, List<(int Sequence, Task<RefusedInject?> Answer)> Answers)>();
        _advancedAhead = 0;
        var next = State.Applied;
        while (budget > _advancedAhead)
        {
            if (Drill.InjectsFrom(next, target) is not { } due)
            {
                await Settle(lanes, sent);
                await AdvanceAllTo(target);
                return true;
            }

            next += due.Injects.Count;
            budget -= due.Injects.Count;
            if (Drill.SendsAhead(due))
            {
                sent.Add((due, SendAhead(due, lanes)));
                continue;
            }

            // It reads or changes what other cases do: everything before it first, as one moment at a time.
            await Settle(lanes, sent);
            await AdvanceAllTo(due.Moment);
            var whole = Drill.Due(due.Moment)!;
            Drill.Done(whole, await Apply(whole));
        }

        await Settle(lanes, sent);
        await AdvanceAllTo(State.VirtualNow);
        return false;
    }

    /// <summary>Sends each inject of <paramref name="due"/> after the last one sent to its incident; a message sends nothing.</summary>
    private List<(int Sequence, Task<RefusedInject?> Answer)> SendAhead(DueMoment due, Dictionary<string, Task> lanes)
    {
        var answers = new List<(int Sequence, Task<RefusedInject?> Answer)>();
        foreach (var inject in due.Injects)
        {
            if (DrillRun.CaseOf(inject.Scheduled.Inject) is not { } lane)
            {
                continue;
            }

            var answer = SendAfter(lanes.GetValueOrDefault(lane) ?? Task.CompletedTask, ((IncidentInject)inject.Scheduled.Inject).Incident, inject, due.Moment);
            lanes[lane] = answer;
            answers.Add((inject.Scheduled.Sequence, answer));
        }

        return answers;
    }

    private async Task<RefusedInject?> SendAfter(Task before, string incident, DueInject inject, DateTimeOffset moment)
    {
        await before;
        await AdvanceUntil(incident, moment);
        return await Send(inject, moment);
    }

    /// <summary>Waits for every answer sent ahead, then records the moments in order, as one moment at a time records them.</summary>
    private async Task Settle(Dictionary<string, Task> lanes, List<(DueMoment Due, List<(int Sequence, Task<RefusedInject?> Answer)> Answers)> sent)
    {
        // Each lane's last answer comes after all its earlier ones; a failure surfaces once every lane has stopped.
        await Task.WhenAll(lanes.Values);
        lanes.Clear();
        foreach (var (due, answers) in sent)
        {
            Drill.Done(due, answers.Where(a => a.Answer.Result is not null).Select(a => (a.Sequence, a.Answer.Result!)));
        }

        sent.Clear();
    }

    /// <summary>Advances every incident whose deadline passed by <paramref name="moment"/>, each at its own deadlines.</summary>
    private Task AdvanceAllTo(DateTimeOffset moment) => Task.WhenAll(Drill.WakingBy(moment).Select(incident => AdvanceUntil(incident, moment)));

    /// <summary>Advances <paramref name="incident"/> at each of its deadlines that passed by <paramref name="moment"/>, in order.</summary>
    private async Task AdvanceUntil(string incident, DateTimeOffset moment)
    {
        while (Drill.WakeAt(incident) is { } wake && wake <= moment)
        {
            var summary = await IncidentOf(incident).AdvanceInDrill(wake);
            Drill.Woke(incident, summary.Value?.Obligations);
            ChangedIncident(State.Incidents[incident].Id);
            _advancedAhead++;
        }
    }
}
