using System.Diagnostics;
using System.Globalization;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Drills;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Emergency.Benchmarks;

/// <summary>
/// A generated scenario of 10,000 injects over 72 virtual hours (1,000 incidents, ten injects each, a third
/// of them reported late so that deadlines fall due), run as fast as possible on the embedded default.
/// Baselines in the same run: the same 10,000 commands sent one after the other straight to the incident
/// grains, without the drill runner (no clock, no deadline advances, no batching); and the same commands
/// replayed on the domain alone, in memory, without grains or storage.
/// </summary>
public sealed class DrillBenchmark : IBenchmark
{
    private const int Incidents = 1_000;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var yaml = Generate();
        var scenario = ScenarioReader.Read(yaml, "generated.yaml");
        Console.Error.WriteLine($"scenario: {scenario.Injects.Count:N0} injects over {Offsets.Format(scenario.End)}, {Encoding.UTF8.GetByteCount(yaml):N0} bytes");
        var rows = new List<IReadOnlyList<string>>();

        await using (var engine = await EngineUnderTest.StartAsync())
        {
            var grains = engine.App.Services.GetRequiredService<IGrainFactory>();
            // The baseline first: a warm engine would favour whichever runs second.
            var watch = Stopwatch.StartNew();
            var refused = await Direct(grains, scenario);
            watch.Stop();
            var direct = Row("baseline: same commands straight to the grains, sequential, no runner", scenario.Injects.Count, watch.Elapsed, $"{refused} refused");
            Console.Error.WriteLine("direct done");
            watch.Restart();
            var run = DrillIds.NewRun();
            var drill = grains.GetGrain<IDrillGrain>(run);
            var started = await drill.Start(new DrillStart { Text = yaml, File = "generated.yaml", Mode = DrillMode.Fast, StartedBy = new Actor("bench", Role.DrillOrganiser) });
            if (started.Outcome != DrillOutcome.Done)
            {
                throw new InvalidOperationException(started.Reason?.ToString());
            }

            DrillStatus status;
            while ((status = (await drill.GetStatus())!).Phase is DrillPhase.Running)
            {
                await Task.Delay(50);
            }

            watch.Stop();
            var report = DrillReportJson.Deserialize((await drill.GetReport())!);
            var overdue = report.Incidents.Sum(i => i.Timeline.Count(e => e.Kind == TimelineKind.ObligationOverdue));
            rows.Add(Row("drill runner, fast (grains + SQLite, deadlines advanced)", scenario.Injects.Count, watch.Elapsed, $"{status.Phase}; {overdue:N0} deadlines marked overdue; {status.Refused} refused"));
            rows.Add(direct);
            Console.Error.WriteLine("drill done");

        }

        var catalog = RuleSetLoader.Load(Path.Combine(EngineHost.DefaultConfigDirectory, "rules", "incidents"));
        var domainWatch = Stopwatch.StartNew();
        var domainRefused = InMemory(catalog, scenario);
        domainWatch.Stop();
        rows.Add(Row("baseline: domain alone, in memory (no grains, no storage)", scenario.Injects.Count, domainWatch.Elapsed, $"{domainRefused} refused"));

        return new BenchmarkReport(
            "drill",
            $"generated scenario: {Incidents:N0} incidents × 10 injects = {scenario.Injects.Count:N0} injects over 72 virtual hours; embedded default (SQLite, synchronous=FULL), one node; wall time from start to finished",
            ["path", "injects", "wall s", "injects/s", "notes"],
            rows);
    }

    /// <summary>Ten injects per incident: report, steps, a regrade, reports and the close; every third incident files its initial report late.</summary>
    public static string Generate()
    {
        var yaml = new StringBuilder("""
            title: Generated load drill
            region: Bench
            ruleSetDate: 2026-03-02
            start: 2026-03-02T00:00:00+08:00
            end: +72h
            injects:

            """);
        var spacing = TimeSpan.FromSeconds(230);
        for (var i = 0; i < Incidents; i++)
        {
            var at = spacing * i;
            var lateReport = i % 3 == 0;
            void Add(TimeSpan after, string rest) =>
                yaml.Append(CultureInfo.InvariantCulture, $"- {{at: {Offsets.Format(at + after)}, incident: i{i}, {rest}}}\n");
            Add(TimeSpan.Zero, "kind: incidentReported, title: T, source: patrol, facts: {deaths: 0}");
            Add(TimeSpan.FromMinutes(30), "kind: obligationCompleted, obligation: reachScene");
            Add(lateReport ? TimeSpan.FromHours(5) : TimeSpan.FromHours(1), "kind: reportFiled, report: initial");
            Add(TimeSpan.FromMinutes(90), "kind: obligationCompleted, obligation: startMonitoring");
            Add(TimeSpan.FromHours(2), "kind: factsChanged, facts: {poisoned: 0, evacuated: 0}");
            Add(TimeSpan.FromHours(3), "kind: incident, action: draftRelease, with: {audience: public, headline: H, text: T}");
            Add(TimeSpan.FromHours(3), "kind: incident, action: approveRelease, with: {release: 1, approvedBy: W}");
            Add(TimeSpan.FromHours(3), "kind: incident, action: publishRelease, with: {release: 1}");
            Add(TimeSpan.FromHours(5) + TimeSpan.FromMinutes(30), "kind: reportFiled, report: followUp");
            Add(TimeSpan.FromHours(6), "kind: obligationCompleted, obligation: organiseInvestigation");
            Add(TimeSpan.FromHours(7), "kind: reportFiled, report: final");
            Add(TimeSpan.FromHours(7) + TimeSpan.FromMinutes(1), "kind: incidentClosed");
        }

        return yaml.ToString();
    }

    private static async Task<int> Direct(IGrainFactory grains, Scenario scenario)
    {
        var run = DrillIds.NewRun();
        var refused = 0;
        foreach (var s in scenario.Injects)
        {
            var inject = (IncidentInject)s.Inject;
            var grain = grains.GetGrain<IIncidentGrain>(DrillIds.Incident(run, inject.Incident));
            var context = new CommandContext(new Actor("bench", Role.DutyCommander), null, scenario.At(s.At));
            var result = inject switch
            {
                IncidentReported r => await grain.Execute(Register(scenario, s, r), context with { Scope = Scopes.Drill(run) }),
                _ => await Send(grain, inject, context),
            };
            refused += result.Status == CommandStatus.Accepted ? 0 : 1;
        }

        return refused;
    }

    private static int InMemory(RuleSetCatalog catalog, Scenario scenario)
    {
        var incidents = new Dictionary<string, Incident>();
        var actor = new Actor("bench", Role.DutyCommander);
        var refused = 0;
        foreach (var s in scenario.Injects)
        {
            var inject = (IncidentInject)s.Inject;
            var now = scenario.At(s.At);
            Decision decision;
            if (inject is IncidentReported r)
            {
                (var incident, decision) = Incident.Register(inject.Incident, "drill-bench", Register(scenario, s, r), actor, catalog, now);
                incidents[inject.Incident] = incident!;
            }
            else
            {
                var incident = incidents[inject.Incident];
                decision = inject switch
                {
                    FactsChanged f => incident.Handle(new UpdateFacts { Facts = f.Facts }, actor, now),
                    ObligationCompleted o => incident.Handle(new CompleteObligation { Obligation = o.Obligation }, actor, now),
                    ReportFiled f => incident.Handle(Report(f), actor, now),
                    _ => incident.Handle(new CloseIncident(), actor, now),
                };
            }

            refused += decision.IsAccepted ? 0 : 1;
        }

        return refused;
    }

    private static ReportIncident Register(Scenario scenario, ScheduledInject s, IncidentReported r) => new()
    {
        Title = r.Title,
        Region = r.Region,
        DiscoveredAt = scenario.At(s.At),
        SourceChannel = r.Source,
        Facts = r.Facts.ApplyTo(new IncidentFacts()),
    };

    private static FileReport Report(ReportFiled f) => new() { Kind = f.Report, Medium = f.Medium, SignedOffBy = f.SignedOffBy, Contact = f.Contact, Content = f.Content };

    private static Task<CommandResult<IncidentView>> Send(IIncidentGrain grain, IncidentInject inject, CommandContext context) => inject switch
    {
        FactsChanged f => grain.Execute(new UpdateFacts { Facts = f.Facts }, context),
        ObligationCompleted o => grain.Execute(new CompleteObligation { Obligation = o.Obligation }, context),
        ReportFiled f => grain.Execute(Report(f), context),
        _ => grain.Execute(new CloseIncident(), context),
    };

    private static IReadOnlyList<string> Row(string path, int injects, TimeSpan elapsed, string notes) =>
        [path, injects.ToString("N0", CultureInfo.InvariantCulture), elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            (injects / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture), notes];
}
