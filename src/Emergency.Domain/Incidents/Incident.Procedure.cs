using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Text.Json;
using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Stateless;

namespace Emergency.Domain.Incidents;

/// <summary>
/// The procedure, declared once for every incident (<see cref="Steps"/>). Triggers are the moves' names; each carries
/// its command to the effect on its transition. The superstates hold the moves allowed in several phases: an open
/// incident takes completions and corrections, and until the final report also new facts. An incident's Stateless
/// machine is built from the declaration when it first makes a move; the moves possible now are read from the same
/// declaration without it.
/// </summary>
public sealed partial class Incident
{
    private static readonly CaseProcedure<Incident, IncidentPhase, IncidentCommand> Steps = new(Declare);

    private (StateMachine<IncidentPhase, string> Machine, IReadOnlyDictionary<string, StateMachine<IncidentPhase, string>.TriggerWithParameters<MoveStep<IncidentCommand>>> Triggers)? _built;

    /// <summary>This incident's machine, built at its first move.</summary>
    private StateMachine<IncidentPhase, string> Machine => Built.Machine;

    private (StateMachine<IncidentPhase, string> Machine, IReadOnlyDictionary<string, StateMachine<IncidentPhase, string>.TriggerWithParameters<MoveStep<IncidentCommand>>> Triggers) Built =>
        _built ??= Steps.Build(this, () => State.Phase, phase => State.Phase = phase);

    private static void Declare(CaseProcedure<Incident, IncidentPhase, IncidentCommand> steps)
    {
        steps.In(IncidentPhase.Open)
            .InternalIf<CompleteObligation>(static (i, m) => i.WhyNotComplete(m) is null, static (i, c, a, now) => i.ApplyCompletion(c, a, now),
                "the obligation is open, not done by a report, and its prerequisite (someone on scene) done before it")
            .Internal<RecordCorrection>(static (i, c, a, now) => i.ApplyCorrection(c, a, now));

        steps.In(IncidentPhase.BeforeFinalReport)
            .SubstateOf(IncidentPhase.Open)
            .Internal<UpdateFacts>(static (i, c, a, now) => i.ApplyFacts(c, a, now));

        steps.In(IncidentPhase.Registered)
            .SubstateOf(IncidentPhase.BeforeFinalReport)
            .PermitIf<FileReport>(IncidentPhase.Responding, static (_, m) => IsReport(m, ReportKind.Initial), "the first report is the initial report (初报)");

        steps.In(IncidentPhase.Responding)
            .SubstateOf(IncidentPhase.BeforeFinalReport)
            .OnEntryFrom<FileReport>(static (i, c, a, now) => i.ApplyReport(c, a, now), "file the report")
            .InternalIf<FileReport>(static (i, m) => IsReport(m, ReportKind.FollowUp) && i.WhyNotReport(m) is null, static (i, c, a, now) => i.ApplyReport(c, a, now),
                "a follow-up report (续报), dated no earlier than the initial report")
            .PermitIf<FileReport>(IncidentPhase.FinalReportFiled, static (i, m) => IsReport(m, ReportKind.Final) && i.WhyNotReport(m) is null,
                "the final report (处理结果报告), dated no earlier than the initial report");

        steps.In(IncidentPhase.FinalReportFiled)
            .SubstateOf(IncidentPhase.Open)
            .OnEntryFrom<FileReport>(static (i, c, a, now) => i.ApplyReport(c, a, now), "file the report")
            .PermitIf<CloseIncident>(IncidentPhase.Closed, static (i, _) => i.AllObligationsCompleted(), "every obligation must be completed before closing");
        DeclareDownstream(steps);

        steps.In(IncidentPhase.Closed)
            .OnEntryFrom<CloseIncident>(static (i, c, a, now) => i.ApplyClose(c, a, now), "close the incident");
        DeclareChain(steps);
        DeclareReleases(steps);
        DeclareAlerts(steps);
    }

    /// <summary>The machine decides whether the phase and its guards allow the move and, if so, makes it.</summary>
    private protected override Message? Fire(IncidentCommand command, Actor actor, DateTimeOffset now)
    {
        var (machine, triggers) = Built;
        var trigger = triggers[Moves.NameOf(command)];
        var move = new MoveStep<IncidentCommand>(command, actor, now);
        if (!machine.CanFire(trigger, move))
        {
            return WhyRefused(command, now);
        }

        machine.Fire(trigger, move);
        return null;
    }

    /// <summary>
    /// The moves the machine permits now, by the names they are posted under: a move that depends on what it names is
    /// listed once per report kind or obligation it may name ("reports(initial)", "completeObligation(reachScene)").
    /// Read from the procedure's declaration, as the machine would answer each (<see cref="AllowedMovesAskingTheMachine"/>).
    /// </summary>
    public override IReadOnlyList<string> AllowedMoves(DateTimeOffset now) =>
        Allowed(now, (move, step) => Steps.Allows(this, State.Phase, move.Name, step));

    /// <summary>The same moves, each variant asked of the built machine: what <see cref="AllowedMoves"/> must answer.</summary>
    public IReadOnlyList<string> AllowedMovesAskingTheMachine(DateTimeOffset now) =>
        Allowed(now, (move, step) => Machine.CanFire(Built.Triggers[move.Name], step));

    private List<string> Allowed(DateTimeOffset now, Func<MoveInfo, MoveStep<IncidentCommand>, bool> permits)
    {
        var allowed = new List<string>();
        foreach (var move in Moves.Of<IncidentCommand>())
        {
            switch (Blanks[move.Type])
            {
                case FileReport:
                    foreach (var (command, word) in ReportProbes)
                    {
                        Ask(command, word);
                    }

                    break;
                case CompleteObligation:
                    foreach (var obligation in State.Obligations)
                    {
                        var (command, word) = CompletionProbes[obligation.Kind];
                        Ask(command, word);
                    }

                    break;
                case AcknowledgeAlert ack:
                    foreach (var obligation in State.Obligations)
                    {
                        var (command, word) = AcknowledgementProbe(ack, move.Name, obligation.Id);
                        Ask(command, word);
                    }

                    break;
                case ReleaseCommand release:
                    foreach (var (command, word) in ReleaseProbes(release, move.Name))
                    {
                        Ask(command, word);
                    }

                    break;
                case var other:
                    Ask(other, move.Name);
                    break;
            }

            void Ask(IncidentCommand command, string word)
            {
                if (permits(move, new MoveStep<IncidentCommand>(command, Actor.System, now)))
                {
                    allowed.Add(word);
                }
            }
        }

        return allowed;
    }

    /// <summary>
    /// The probe acknowledging the alert on one obligation, by its id: made once per id and kept (an incident's
    /// obligations are the same few kinds, and a downstream warning's or a hop's id recurs across incidents), up to a
    /// bound past which a probe is made anew each time.
    /// </summary>
    private static (IncidentCommand Command, string Word) AcknowledgementProbe(AcknowledgeAlert blank, string word, string obligation)
    {
        if (AcknowledgementProbes.TryGetValue(obligation, out var probe))
        {
            return probe;
        }

        probe = (blank with { Obligation = obligation }, $"{word}({obligation})");
        if (AcknowledgementProbes.Count < KeptAcknowledgementProbes)
        {
            AcknowledgementProbes.TryAdd(obligation, probe);
        }

        return probe;
    }

    private const int KeptAcknowledgementProbes = 4096;

    private static readonly ConcurrentDictionary<string, (IncidentCommand Command, string Word)> AcknowledgementProbes = new(StringComparer.Ordinal);

    /// <summary>
    /// The allowed moves are asked for with every answer and every summary: the probes that do not depend on the case
    /// are made once. A command is an immutable record, so one blank per move serves every incident.
    /// </summary>
    private static readonly FrozenDictionary<Type, IncidentCommand> Blanks =
        Moves.Of<IncidentCommand>().ToFrozenDictionary(m => m.Type, m => (IncidentCommand)Activator.CreateInstance(m.Type)!);

    private static readonly (IncidentCommand Command, string Word)[] ReportProbes =
        [.. Enum.GetValues<ReportKind>().Select(k => ((IncidentCommand)((FileReport)Blanks[typeof(FileReport)] with { Kind = k }), $"{Moves.Info(typeof(FileReport)).Name}({JsonNamingPolicy.CamelCase.ConvertName(k.ToString())})"))];

    private static readonly FrozenDictionary<ObligationKind, (IncidentCommand Command, string Word)> CompletionProbes =
        Enum.GetValues<ObligationKind>().ToFrozenDictionary(k => k, k => (
            (IncidentCommand)((CompleteObligation)Blanks[typeof(CompleteObligation)] with { Obligation = k }),
            $"{Moves.Info(typeof(CompleteObligation)).Name}({k.Name()})"));

    private static bool IsReport(MoveStep<IncidentCommand> move, ReportKind kind) => move.Command is FileReport report && report.Kind == kind;

    private Message? WhyNotReport(MoveStep<IncidentCommand> move) =>
        move.Command is FileReport report ? WhyNotReport(report.Kind, report.At ?? move.Now) : null;

    private Message? WhyNotComplete(MoveStep<IncidentCommand> move) =>
        move.Command is CompleteObligation step ? WhyNotComplete(step.Obligation, step.At ?? move.Now) : null;
}
