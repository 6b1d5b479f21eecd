using Emergency.Testing;

namespace Emergency.Drills.Tests.Infrastructure;

/// <summary>The shipped scenario files, and small scenarios for the tests.</summary>
public static class Scenarios
{
    public static string Changzhi => File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "changzhi-aniline-2012.yaml"));

    public static string Longjiang => File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "longjiang-cadmium-2012.yaml"));

    public static string Songhua => File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "songhua-benzene-2005.yaml"));

    public static string HotlineSurge => File.ReadAllText(Path.Combine(RepoPaths.Scenarios, "hotline-surge.yaml"));

    public static string PathOf(string name) => Path.Combine(RepoPaths.Scenarios, name);

    /// <summary>A minimal valid scenario: one incident reported at +0, with whatever injects and expectations follow.</summary>
    public static string Minimal(string injects = "", string expectations = "", string header = "") => $"""
        title: Test drill
        region: Testland
        ruleSetDate: 2026-03-01
        start: 2026-03-01T08:00:00+08:00
        {header}
        injects:
          - id: first
            at: +0
            kind: incidentReported
            incident: spill
            title: Test spill
            source: patrol
            facts: {"{"}deaths: 0, poisoned: 0, evacuated: 0, directLossCny: 0, intakeInterruption: {"{"}scale: none{"}"}, crossBoundary: none, ecologicalImpact: none{"}"}
        {injects}
        expectations:
        {expectations}
        """;
}
