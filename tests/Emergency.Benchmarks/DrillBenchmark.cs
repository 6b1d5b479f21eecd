using System.Diagnostics;
using System.Globalization;
using System.Runtime;
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
/// A generated scenario of about 10,000 injects over 72 virtual hours (834 incidents, twelve injects each, a third
/// of them reported late so that deadlines fall due), run as fast as possible on the embedded default.
/// Baselines in the same run: the same 10,000 commands sent one after the other straight to the incident
/// grains, without the drill runner (no clock, no deadline advances, no batching); and the same commands
/// replayed on the domain alone, in memory, without grains or storage.
/// Then the same drill once more on the same engine, most of its code compiled by then (the first drill pays the JIT).
/// </summary>
public sealed class DrillBenchmark : IBenchmark
{
    /// <summary>Twelve injects each, 10,008 in all: a scenario file may hold 1 MB, and 1,000 incidents (12,000 injects) no longer fit.</summary>
    private const int Incidents = 834;
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.FromHours(8));

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var yaml = Generate();
        var scenario = ScenarioReader.Read(yaml, "generated.yaml");
        Console.Error.WriteLine($"scenario: {scenario.Injects.Count:N0} injects over {Offsets.Format(scenario.End)}, {Encoding.UTF8.GetByteCount(yaml):N0} bytes");
        var rows = new List<IReadOnlyList<string>>();

        // "--alone": the drill runner's row only, on an engine the baselines have not warmed (to profile the drill by itself).
        var alone = args.Contains("--alone");

        // "--as-cli": the engine as the drill command line starts it, without the metrics endpoint and the dashboard
        // (InProcessDrillClient); run it with DOTNET_TieredCompilation=0, the command line's other setting.
        string[] settings = args.Contains("--as-cli") ? ["--Telemetry:Prometheus:Enabled=false", "--Telemetry:Dashboard:Enabled=false", "--Drills:WarmUpAtStart=true"] : [];
        await using (var engine = await EngineUnderTest.StartAsync(settings: settings))
        {
            var grains = engine.App.Services.GetRequiredService<IGrainFactory>();
            // The baseline first: a warm engine would favour whichever runs second.
            var watch = Measured.Start();
            var refused = alone ? 0 : await Direct(grains, scenario);
            var direct = Row("baseline: same commands straight to the grains, sequential, no runner", scenario.Injects.Count, watch.Stop(), $"{refused} refused");
            Console.Error.WriteLine("direct done");
            rows.Add(await Drill(grains, yaml, scenario, "drill runner, fast (grains + SQLite, deadlines advanced)"));
            if (!alone)
            {
                rows.Add(direct);
            }

            Console.Error.WriteLine("drill done");

            // The same drill again, on an engine that has run one: about a quarter of the first drill's CPU was the JIT
            // compiling what the drill makes hot, which a running engine has mostly paid.
            rows.Insert(1, await Drill(grains, yaml, scenario, "drill runner, fast, the same drill again (on the same engine)"));
            Console.Error.WriteLine("again done");
        }

        if (alone)
        {
            return new BenchmarkReport("drill", $"the drill runner alone (--alone{(settings.Length > 0 ? ", --as-cli" : "")})", Columns, rows);
        }

        var catalog = RuleSetLoader.Load(Path.Combine(EngineHost.DefaultConfigDirectory, "rules", "incidents"));
        var domainWatch = Measured.Start();
        var domainRefused = InMemory(catalog, scenario);
        rows.Add(Row("baseline: domain alone, in memory (no grains, no storage)", scenario.Injects.Count, domainWatch.Stop(), $"{domainRefused} refused"));

        return new BenchmarkReport(
            "drill",
            $"generated scenario: {Incidents:N0} incidents × 12 injects = {scenario.Injects.Count:N0} injects over 72 virtual hours; embedded default (SQLite, synchronous=FULL), one node; wall time from start to finished",
            Columns,
            rows);
    }

    /// <summary>Runs the scenario as a fast drill of its own and waits until it has finished: its row, wall and CPU time from start to finished.</summary>
    private static async Task<IReadOnlyList<string>> Drill(IGrainFactory grains, string yaml, Scenario scenario, string path)
    {
        var watch = Measured.Start();
        var drill = grains.GetGrain<IDrillGrain>(DrillIds.NewRun());
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

        var elapsed = watch.Stop();
        var report = DrillReportJson.Deserialize((await drill.GetReport())!);
        var overdue = report.Incidents.Sum(i => i.Timeline.Count(e => e.Kind == TimelineKind.ObligationOverdue));
        return Row(path, scenario.Injects.Count, elapsed, $"{status.Phase}; {overdue:N0} deadlines marked overdue; {status.Refused} refused");
    }

    /// <summary>Twelve injects per incident: report, steps, a regrade, a release drafted, approved and published, reports and the close; every third incident files its initial report late.</summary>
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
        var spacing = TimeSpan.FromSeconds(276);
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

    /// <summary>Each inject's own command (as the drill sends it), one after the other, awaited, with the inject's moment.</summary>
    private static async Task<int> Direct(IGrainFactory grains, Scenario scenario)
    {
        var run = DrillIds.NewRun();
        var refused = 0;
        foreach (var s in scenario.Injects)
        {
            var inject = (IncidentInject)s.Inject;
            var grain = grains.GetGrain<IIncidentGrain>(DrillIds.Incident(run, inject.Incident));
            var context = new CommandContext(new Actor("bench", Role.DutyCommander), null, scenario.At(s.At));
            var result = await grain.Execute(inject.Command(scenario, s.At), inject is IncidentReported ? context with { Scope = Scopes.Drill(run) } : context);
            refused += result.Status == CommandStatus.Accepted ? 0 : 1;
        }

        return refused;
    }

    private static int InMemory(RuleSetCatalog catalog, Scenario scenario)
    {
        var actor = new Actor("bench", Role.DutyCommander);
        return InMemoryReplay.Incidents(scenario, actor, (name, report, at) => Incident.Register(name, "drill-bench", report, actor, catalog, at))
            .Count(move => !move.Decision.IsAccepted);
    }

    /// <summary>
    /// Besides wall and CPU time, what the load does not move: the JIT's time and the methods it compiled over the row
    /// (every thread; a first drill in a fresh process pays the compiling of what it makes hot), the GC's pauses, and the
    /// bytes allocated.
    /// </summary>
    private static readonly string[] Columns = ["path", "injects", "wall s", "injects/s", "CPU s", "JIT s", "methods compiled", "GC pause s", "allocated MB", "notes"];

    private static IReadOnlyList<string> Row(string path, int injects, Spent elapsed, string notes) =>
        [path, injects.ToString("N0", CultureInfo.InvariantCulture), elapsed.Wall.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            (injects / elapsed.Wall.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture), elapsed.Cpu.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture),
            elapsed.Jit.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), elapsed.Compiled.ToString("N0", CultureInfo.InvariantCulture),
            elapsed.GcPause.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture), (elapsed.Allocated / 1e6).ToString("N0", CultureInfo.InvariantCulture), notes];

    private readonly record struct Spent(TimeSpan Wall, TimeSpan Cpu, TimeSpan Jit, long Compiled, TimeSpan GcPause, long Allocated);

    /// <summary>
    /// Wall time, and the CPU time of the whole process over the same span (every thread: grains, storage, GC): on a
    /// machine shared with other work the wall time stretches with the load, the CPU time much less.
    /// </summary>
    private sealed class Measured
    {
        private readonly Stopwatch _wall = Stopwatch.StartNew();
        private readonly TimeSpan _cpu = Process.GetCurrentProcess().TotalProcessorTime;
        private readonly TimeSpan _jit = JitInfo.GetCompilationTime();
        private readonly long _compiled = JitInfo.GetCompiledMethodCount();
        private readonly TimeSpan _gcPause = GC.GetTotalPauseDuration();
        private readonly long _allocated = GC.GetTotalAllocatedBytes();

        public static Measured Start() => new();

        public Spent Stop() => new(
            _wall.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - _cpu, JitInfo.GetCompilationTime() - _jit,
            JitInfo.GetCompiledMethodCount() - _compiled, GC.GetTotalPauseDuration() - _gcPause, GC.GetTotalAllocatedBytes() - _allocated);
    }
}
