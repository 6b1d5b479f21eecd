namespace Emergency.Testing;

/// <summary>The drill the public-page tests run beside live work (API and Chromium).</summary>
public static class PublicDrill
{
    /// <summary>A drill whose incident publishes a release: every word of it is marked, so that none can hide on the public side.</summary>
    public const string Scenario = """
    title: 公开页演练 DRILLMARK-TITLE
    region: 长治市
    ruleSetDate: 2026-03-02
    start: 2026-03-02T08:00:00+08:00
    end: +2h
    injects:
      - at: +0
        kind: incidentReported
        incident: secret
        title: 演练苯泄漏 DRILLMARK-INCIDENT
        source: patrol
        facts: {deaths: 0, poisoned: 0, evacuated: 0, directLossCny: 0, intakeInterruption: {scale: none}, crossBoundary: crossProvince, ecologicalImpact: none}
      - {at: +10m, kind: incident, incident: secret, action: draftRelease, with: {audience: public, headline: 演练发布 DRILLMARK-HEADLINE, text: 演练正文 DRILLMARK-TEXT}}
      - {at: +15m, kind: incident, incident: secret, action: approveRelease, with: {release: 1, approvedBy: DRILLMARK-APPROVER}}
      - {at: +20m, kind: incident, incident: secret, action: publishRelease, with: {release: 1}}
    expectations:
      - obligationOnTime: {incident: secret, obligation: releaseInformation}
    """;
}
