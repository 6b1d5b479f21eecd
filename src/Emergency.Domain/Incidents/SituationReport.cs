using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>
/// A situation report of an incident drawn from its view at one moment, with the contents MEP Order 17 (art. 11) asks
/// of each kind: the initial report (初报) the facts, monitoring, casualties, sensitive receptors, trend, measures and
/// next steps; a follow-up (续报) the progress since the last report filed; the final report (处理结果报告) the measures,
/// process and results, harm, losses, social impact, remaining problems and accountability. Every line taken from the
/// timeline keeps its sequence number, so the report can be checked against the timeline it came from.
/// </summary>
public sealed record SituationReport
{
    public required ReportKind Kind { get; init; }

    /// <summary>For a follow-up: which one it would be when filed (the follow-ups filed so far, plus one).</summary>
    public int? Sequence { get; init; }

    public required string Incident { get; init; }

    public required string Title { get; init; }

    public required string Scope { get; init; }

    /// <summary>The moment of the view it was drawn from.</summary>
    public required DateTimeOffset AsOf { get; init; }

    /// <summary>For a follow-up: the moment of the last report filed; progress is what was recorded after it was filed.</summary>
    public DateTimeOffset? Since { get; init; }

    public required IReadOnlyList<SituationSection> Sections { get; init; }
}

public sealed record SituationSection(SituationHeading Heading, IReadOnlyList<SituationLine> Lines);

/// <summary>One line of a report: what, when, by whom, and the timeline line it was read from, if it was.</summary>
public sealed record SituationLine(Message Text, DateTimeOffset? At = null, int? Seq = null, string? Actor = null);

public static class SituationReports
{
    /// <summary>The report of <paramref name="kind"/> as the incident stands in <paramref name="view"/>.</summary>
    public static SituationReport Of(IncidentView view, ReportKind kind)
    {
        ArgumentNullException.ThrowIfNull(view);
        // Progress is what was recorded after the last report was filed, whatever moment it states: a step done before
        // the report but recorded after it is news to the report's readers.
        var last = view.Reports.OrderBy(r => r.Number).LastOrDefault();
        var filed = view.Timeline.LastOrDefault(e => e.Kind == TimelineKind.ReportFiled)?.Seq ?? 0;
        IReadOnlyList<SituationSection> sections = kind switch
        {
            ReportKind.Initial =>
            [
                new(SituationHeading.Basics, Basics(view)),
                new(SituationHeading.CauseAndNature, Nature(view)),
                new(SituationHeading.Pollutants, Pollutants(view)),
                new(SituationHeading.Monitoring, Monitoring(view)),
                new(SituationHeading.Casualties, [new(SituationTexts.Casualties.With(Casualties(view.Facts)))]),
                new(SituationHeading.SensitiveReceptors, Receptors(view)),
                new(SituationHeading.Trend, Trend(view)),
                new(SituationHeading.Measures, Lines(view, e => e.Kind is TimelineKind.ObligationCompleted or TimelineKind.ReportFiled or TimelineKind.ReleasePublished or TimelineKind.HopRecorded or TimelineKind.WarningAcknowledged)),
                new(SituationHeading.NextSteps, Open(view)),
                new(SituationHeading.SignOff, [SignOff(view, ReportKind.Initial)]),
            ],
            ReportKind.FollowUp =>
            [
                new(SituationHeading.Basics, [.. Basics(view).Take(2), .. Nature(view).Skip(view.Description is { Length: > 0 } ? 2 : 1)]),
                new(SituationHeading.Progress, [
                    new(last is null ? SituationTexts.NoReportYet : SituationTexts.LastReport.With(("number", last.Number), ("kind", Arg.Of(last.Kind)), ("at", last.At)), last?.At),
                    .. Lines(view, e => e.Seq > filed)]),
                new(SituationHeading.Pollutants, Pollutants(view)),
                new(SituationHeading.Casualties, [new(SituationTexts.Casualties.With(Casualties(view.Facts)))]),
                new(SituationHeading.Trend, Trend(view)),
                new(SituationHeading.NextSteps, Open(view)),
                new(SituationHeading.SignOff, [new(SituationTexts.NotSignedOff)]),
            ],
            _ =>
            [
                new(SituationHeading.Basics, [.. Basics(view), .. Nature(view)]),
                new(SituationHeading.Process, Lines(view, _ => true)),
                new(SituationHeading.Harm, [.. Receptors(view), .. Trend(view)]),
                new(SituationHeading.Losses, [new(SituationTexts.Casualties.With(Casualties(view.Facts))), new(SituationTexts.Loss.With(("amount", Count(view.Facts.DirectLossCny))))]),
                new(SituationHeading.SocialImpact, SocialImpact(view)),
                new(SituationHeading.RemainingProblems, Remaining(view)),
                new(SituationHeading.Accountability, Accountability(view)),
                new(SituationHeading.SignOff, [SignOff(view, ReportKind.Final)]),
            ],
        };

        return new SituationReport
        {
            Kind = kind,
            Sequence = kind == ReportKind.FollowUp ? view.Reports.Count(r => r.Kind == ReportKind.FollowUp) + 1 : null,
            Incident = view.Id,
            Title = view.Title,
            Scope = view.Scope,
            AsOf = view.AsOf,
            Since = kind == ReportKind.FollowUp ? last?.At : null,
            Sections = [.. sections.Select(s => s.Lines.Count == 0 ? s with { Lines = [new(SituationTexts.Nothing)] } : s)],
        };
    }

    /// <summary>
    /// The timeline lines a report tells, in the order they happened: everything but the deadlines set at registration,
    /// which the next steps state as they stand.
    /// </summary>
    public static IEnumerable<TimelineEntry<TimelineKind>> Told(IncidentView view) =>
        view.Timeline.Where(e => e.Kind != TimelineKind.DeadlineSet).OrderBy(e => e.At).ThenBy(e => e.Seq);

    private static List<SituationLine> Lines(IncidentView view, Func<TimelineEntry<TimelineKind>, bool> which) =>
        [.. Told(view).Where(which).Select(e => new SituationLine(e.Text, e.At, e.Seq, e.Actor))];

    private static List<SituationLine> Basics(IncidentView view) =>
    [
        new(SituationTexts.Discovered.With(("at", view.DiscoveredAt))),
        new(SituationTexts.Place.With(("region", view.Region))),
        new(SituationTexts.Source.With(("channel", Arg.Of(view.SourceChannel)))),
        new(SituationTexts.Registered.With(("at", view.RegisteredAt), ("by", view.RegisteredBy))),
    ];

    private static List<SituationLine> Nature(IncidentView view)
    {
        List<SituationLine> lines = [new(SituationTexts.Event.With(("title", view.Title)))];
        if (view.Description is { Length: > 0 } description)
        {
            lines.Add(new(SituationTexts.Description.With(("text", description))));
        }

        lines.Add(new(SituationTexts.Level.With(("level", Arg.Of(view.Grade.Level)), ("reasons", Arg.Of(view.Grade.Reasons.Select(r => Arg.Of(r)))))));
        if (view.Grade.Unclear)
        {
            lines.Add(new(SituationTexts.LevelUnclear));
        }

        return lines;
    }

    private static List<SituationLine> Pollutants(IncidentView view) => view.Downstream?.Spill is { } spill
        ? [new(SituationTexts.Spill.With(("pollutant", spill.Pollutant), ("mass", (decimal)spill.MassKg), ("reach", spill.Reach), ("at", spill.At)), spill.At)]
        : [new(SituationTexts.NoSpill)];

    private static List<SituationLine> Monitoring(IncidentView view)
    {
        List<SituationLine> lines = [];
        if (view.Obligations.FirstOrDefault(o => o.Kind == ObligationKind.StartMonitoring) is { CompletedAt: { } at } monitoring)
        {
            lines.Add(new(SituationTexts.Monitoring.With(("at", at), ("by", monitoring.CompletedBy ?? "")), at));
            if (monitoring.Note is { } note)
            {
                lines.Add(new(SituationTexts.Note.With(("note", note))));
            }
        }

        lines.AddRange((view.Downstream?.Velocities ?? []).Select(v =>
            new SituationLine(SituationTexts.Velocity.With(("reach", v.Reach), ("velocity", (decimal)v.MetresPerSecond), ("at", v.At), ("by", v.By)), v.At)));
        return lines.Count > 0 ? lines : [new(SituationTexts.MonitoringNotStarted)];
    }

    private static (string, Arg)[] Casualties(IncidentFacts facts) =>
        [("deaths", Count(facts.Deaths)), ("poisoned", Count(facts.Poisoned)), ("injured", Count(facts.SeriouslyInjured)), ("evacuated", Count(facts.Evacuated))];

    private static Arg Count(decimal? figure) => figure is { } known ? known : Arg.Of(SituationTexts.Unknown.With());

    private static List<SituationLine> Receptors(IncidentView view)
    {
        var facts = view.Facts;
        List<SituationLine> lines = [];
        if (facts.IntakeInterruption is { Scale: not IntakeScale.None } cut)
        {
            lines.Add(new(SituationTexts.IntakeInterrupted.With(("intake", cut.Intake is { Length: > 0 } intake ? intake : Arg.Of(SituationTexts.Unknown.With())))));
        }

        if (facts.DrinkingWaterSource)
        {
            lines.Add(new(SituationTexts.DrinkingWater));
        }

        if (facts.SensitiveReceptors || facts.HazardousReleaseInSensitiveArea)
        {
            lines.Add(new(SituationTexts.Receptors));
        }

        lines.AddRange(Points(view, intakes: true));
        return lines.Count > 0 ? lines : [new(SituationTexts.NoReceptors)];
    }

    private static List<SituationLine> Trend(IncidentView view)
    {
        List<SituationLine> lines = [.. Points(view, intakes: false)];
        if (view.Facts.PossibleCrossProvince)
        {
            lines.Add(new(SituationTexts.CrossProvince));
        }

        if (view.Facts.HeavyMetals)
        {
            lines.Add(new(SituationTexts.HeavyMetals));
        }

        if (view.Facts.MassIncident)
        {
            lines.Add(new(SituationTexts.MassIncident));
        }

        return lines;
    }

    /// <summary>The points below a spill (intakes, or the others), each once: when the pollution reaches it, and who was warned.</summary>
    private static IEnumerable<SituationLine> Points(IncidentView view, bool intakes)
    {
        foreach (var point in (view.Downstream?.Points ?? []).Where(p => (p.Kind == Rivers.DownstreamPointKind.Intake) == intakes))
        {
            var reaches = point.LeadingEdge is { } edge && edge < point.Arrival ? edge : point.Arrival;
            yield return new(point.StillDownstream
                ? SituationTexts.Arrival.With(("point", point.Name), ("distance", (decimal)point.DistanceKm), ("at", reaches))
                : SituationTexts.Passed.With(("point", point.Name), ("distance", (decimal)point.DistanceKm)), reaches);
            if (point is { WarnedAt: { } warned, Party: { } party })
            {
                yield return new(SituationTexts.Warned.With(("party", party), ("to", point.WarnedTo ?? ""), ("at", warned)), warned);
            }
        }
    }

    private static List<SituationLine> Open(IncidentView view) =>
        [.. view.Obligations
            .Where(o => o.Status is ObligationStatus.Pending or ObligationStatus.Overdue)
            .OrderBy(o => o.DueAt)
            .Select(o => new SituationLine(o.OverdueBy is { } by
                ? SituationTexts.Overdue.With(("obligation", o.Title), ("due", o.DueAt), ("by", by))
                : SituationTexts.Due.With(("obligation", o.Title), ("due", o.DueAt)), o.DueAt))];

    private static List<SituationLine> SocialImpact(IncidentView view)
    {
        List<SituationLine> lines = [.. view.Releases.Where(r => r.IsPublished).OrderBy(r => r.PublishedAt).Select(r =>
            new SituationLine(SituationTexts.Released.With(("at", r.PublishedAt!.Value), ("audience", Arg.Of(r.Audience)), ("headline", r.Headline)), r.PublishedAt))];
        if (lines.Count == 0)
        {
            lines.Add(new(SituationTexts.NoRelease));
        }

        if (view.Facts.MassIncident)
        {
            lines.Add(new(SituationTexts.MassIncident));
        }

        return lines;
    }

    private static List<SituationLine> Remaining(IncidentView view)
    {
        List<SituationLine> lines = Open(view);
        if (view.WrittenReportOutstanding)
        {
            lines.Add(new(SituationTexts.WrittenReportOutstanding));
        }

        lines.AddRange((view.Downstream?.Points ?? [])
            .Where(p => p.Warning == WarningStatus.Sent && p.Party is not null)
            .Select(p => new SituationLine(SituationTexts.WarningUnacknowledged.With(("party", p.Party!), ("at", p.WarnedAt!.Value)), p.WarnedAt)));
        return lines;
    }

    /// <summary>迟报 and every late step, the steps still overdue, and 谎报/瞒报/漏报: made visible, never absorbed.</summary>
    private static List<SituationLine> Accountability(IncidentView view)
    {
        List<SituationLine> lines =
        [
            .. view.Obligations.Where(o => o.LateBy is not null && o.CompletedAt is not null).Select(o =>
                new SituationLine(SituationTexts.Late.With(("obligation", o.Title), ("at", o.CompletedAt!.Value), ("by", o.LateBy!.Value)), o.CompletedAt, null, o.CompletedBy)),
            .. view.Obligations.Where(o => o.OverdueBy is not null).Select(o =>
                new SituationLine(SituationTexts.Overdue.With(("obligation", o.Title), ("due", o.DueAt), ("by", o.OverdueBy!.Value)), o.DueAt)),
            .. view.Corrections.Select(c => new SituationLine(
                SituationTexts.Corrected.With(("kind", Arg.Of(c.Kind)), ("concerns", c.Concerns), ("declared", c.Declared), ("actual", c.Actual), ("known", c.KnownAt)), c.KnownAt, null, c.RecordedBy)),
        ];
        return lines.Count > 0 ? lines : [new(SituationTexts.NoAccountability)];
    }

    private static SituationLine SignOff(IncidentView view, ReportKind kind) =>
        view.Reports.Where(r => r.Kind == kind).OrderBy(r => r.Number).LastOrDefault() is { } filed
            ? new(SituationTexts.SignedOff.With(("by", filed.SignedOffBy), ("contact", filed.Contact), ("number", filed.Number), ("at", filed.At), ("medium", Arg.Of(filed.Medium))), filed.At)
            : new(SituationTexts.NotSignedOff);
}
