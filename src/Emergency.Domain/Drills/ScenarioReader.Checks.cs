using Emergency.Domain.Decisions;
using Emergency.Domain.Disputes.EarlyWarning;

namespace Emergency.Domain.Drills;

/// <summary>Checks the scenario as a whole: the schedule, and that every incident, decision and subject named is brought in before it is used.</summary>
public static partial class ScenarioReader
{
    private sealed partial class Reading
    {
        /// <summary>Gives every inject its moment (following 'after' chains) and sorts by moment, then by order in the file.</summary>
        private List<ScheduledInject> Schedule(List<RawInject> raw)
        {
            var byId = new Dictionary<string, RawInject>(StringComparer.Ordinal);
            foreach (var inject in raw.Where(r => r.Inject.Id is not null))
            {
                if (!byId.TryAdd(inject.Inject.Id!, inject))
                {
                    Error(inject.Inject.Where, ScenarioTexts.IdTwice.With(("id", inject.Inject.Id!), ("line", byId[inject.Inject.Id!].Inject.Where.Line)));
                }
            }

            var resolved = new Dictionary<int, TimeSpan?>();
            TimeSpan? Resolve(RawInject inject)
            {
                if (resolved.TryGetValue(inject.Order, out var known))
                {
                    return known;
                }

                // Walks the chain iteratively: a long chain of 'after' never deepens the stack.
                var chain = new List<RawInject> { inject };
                var onChain = new HashSet<int> { inject.Order };
                var current = inject;
                TimeSpan? baseMoment = null;
                while (current.After is { } after)
                {
                    if (!byId.TryGetValue(after.Value, out var target))
                    {
                        Error(after.At, ScenarioTexts.AfterUnknown.With(("id", after.Value)));
                        baseMoment = null;
                        break;
                    }

                    if (resolved.TryGetValue(target.Order, out var targetMoment))
                    {
                        baseMoment = targetMoment;
                        break;
                    }

                    if (!onChain.Add(target.Order))
                    {
                        var cycle = chain.SkipWhile(c => c.Order != target.Order).Select(c => c.Inject.Id).Append(target.Inject.Id);
                        Error(target.After!.At, ScenarioTexts.AfterCircle.With(("cycle", string.Join(" → ", cycle))));
                        baseMoment = null;
                        break;
                    }

                    chain.Add(target);
                    current = target;
                }

                for (var i = chain.Count - 1; i >= 0; i--)
                {
                    var link = chain[i];
                    var moment = link.After is null ? link.At : baseMoment + (link.At ?? TimeSpan.Zero);
                    if (moment > Offsets.Longest)
                    {
                        Error(link.AtPosition, ScenarioTexts.InjectTooLate.With(("at", Offsets.Format(moment.Value)), ("longest", Offsets.Format(Offsets.Longest))));
                        moment = null;
                    }

                    resolved[link.Order] = moment;
                    baseMoment = moment;
                }

                return resolved[inject.Order];
            }

            var schedule = new List<ScheduledInject>(raw.Count);
            foreach (var inject in raw)
            {
                if (Resolve(inject) is not { } at)
                {
                    continue;
                }

                var repeat = inject.Inject is ComplaintFiled { Repeat: > 1 } surge ? surge.Repeat : 1;
                var every = (inject.Inject as ComplaintFiled)?.Every ?? TimeSpan.Zero;
                for (var copy = 0; copy < repeat; copy++)
                {
                    schedule.Add(new ScheduledInject(inject.Order + 1, at + (every * copy), inject.Inject, copy));
                }

                if (at + (every * (repeat - 1)) > Offsets.Longest)
                {
                    Error(inject.AtPosition, ScenarioTexts.RepetitionTooLate.With(("repeat", repeat), ("at", Offsets.Format(at + (every * (repeat - 1)))), ("longest", Offsets.Format(Offsets.Longest))));
                }
                else if (schedule.Count > MaxScheduled)
                {
                    Error(inject.Inject.Where, ScenarioTexts.TooManyScheduled.With(("count", schedule.Count), ("max", MaxScheduled)));
                    return [];
                }
            }

            return [.. schedule.OrderBy(s => s.At).ThenBy(s => s.Sequence).ThenBy(s => s.Copy)];
        }

        /// <summary>Every incident is reported once, before anything else happens to it; returns name → when it is reported.</summary>
        private Dictionary<string, TimeSpan> CheckIncidents(List<ScheduledInject> schedule)
        {
            var declared = new Dictionary<string, ScheduledInject>(StringComparer.Ordinal);
            foreach (var s in schedule.OrderBy(s => s.Sequence))
            {
                if (s.Inject is IncidentReported reported && !declared.TryAdd(reported.Incident, s))
                {
                    Error(reported.Where, ScenarioTexts.ReportedTwice.With(("incident", reported.Incident), ("line", declared[reported.Incident].Inject.Where.Line)));
                }
            }

            var reportedAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            foreach (var s in schedule)
            {
                if (s.Inject is CorrectionRecorded { Known: { } known } corrected && known > s.At)
                {
                    Error(corrected.Where, ScenarioTexts.KnownAfterCorrection.With(("known", Offsets.Format(known)), ("at", Offsets.Format(s.At))));
                }

                switch (s.Inject)
                {
                    case IncidentReported reported when declared[reported.Incident] == s:
                        reportedAt[reported.Incident] = s.At;
                        if (reported.Discovered > s.At)
                        {
                            Error(reported.Where, ScenarioTexts.DiscoveredAfterReport.With(("discovered", Offsets.Format(reported.Discovered.Value)), ("at", Offsets.Format(s.At))));
                        }

                        break;
                    case IncidentInject other when other is not IncidentReported:
                        if (!declared.TryGetValue(other.Incident, out var declaration))
                        {
                            Error(other.Where, ScenarioTexts.UnknownIncident.With(("incident", other.Incident)));
                        }
                        else if (!reportedAt.ContainsKey(other.Incident))
                        {
                            Error(other.Where, ScenarioTexts.BeforeReported.With(("at", Offsets.Format(s.At)), ("incident", other.Incident), ("reported", Offsets.Format(declaration.At)), ("line", declaration.Inject.Where.Line)));
                        }

                        break;
                }
            }

            // In order of reporting, so the report lists incidents the way the drill met them.
            return reportedAt.OrderBy(r => r.Value).ThenBy(r => declared[r.Key].Sequence).ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal);
        }

        private void CheckExpectations(List<Expectation> expectations, Dictionary<string, TimeSpan> incidents)
        {
            foreach (var expectation in expectations.Where(e => e.Incident is not null && !incidents.ContainsKey(e.Incident)))
            {
                Error(expectation.Where, ScenarioTexts.UnknownIncident.With(("incident", expectation.Incident!)));
            }
        }

        /// <summary>Every decision is drafted once, before any other step; expectations name drafted decisions. Returns the names in order of drafting.</summary>
        private List<string> CheckDecisions(List<ScheduledInject> schedule, List<Expectation> expectations)
        {
            var drafted = new Dictionary<string, ScheduledInject>(StringComparer.Ordinal);
            foreach (var s in schedule.Where(s => s.Inject is DecisionStep { Command: DraftMajorDecision }).OrderBy(s => s.Sequence))
            {
                var step = (DecisionStep)s.Inject;
                if (!drafted.TryAdd(step.Decision, s))
                {
                    Error(step.Where, ScenarioTexts.DraftedTwice.With(("decision", step.Decision), ("line", drafted[step.Decision].Inject.Where.Line)));
                }
            }

            foreach (var s in schedule.Where(s => s.Inject is DecisionStep { Command: not DraftMajorDecision }))
            {
                var step = (DecisionStep)s.Inject;
                if (!drafted.TryGetValue(step.Decision, out var draft))
                {
                    Error(step.Where, ScenarioTexts.UnknownDecisionDraft.With(("decision", step.Decision)));
                }
                else if (draft.At > s.At || (draft.At == s.At && draft.Sequence > s.Sequence))
                {
                    Error(step.Where, ScenarioTexts.BeforeDrafted.With(("at", Offsets.Format(s.At)), ("decision", step.Decision), ("drafted", Offsets.Format(draft.At)), ("line", draft.Inject.Where.Line)));
                }
            }

            foreach (var (where, decision) in expectations.Select(e => e switch
            {
                DecisionOutcomeExpectation o => (e.Where, o.Decision),
                MoveRefusedExpectation r => (e.Where, r.Decision),
                _ => (e.Where, (string?)null),
            }))
            {
                if (decision is not null && !drafted.ContainsKey(decision))
                {
                    Error(where, ScenarioTexts.UnknownDecision.With(("decision", decision)));
                }
            }

            return [.. drafted.OrderBy(d => d.Value.At).ThenBy(d => d.Value.Sequence).Select(d => d.Key)];
        }

        /// <summary>A warning is expected or escalated only about a subject some complaint of the scenario is about.</summary>
        private void CheckSubjects(List<ScheduledInject> schedule, List<Expectation> expectations)
        {
            var complainedAbout = schedule.Select(s => s.Inject).OfType<ComplaintFiled>()
                .SelectMany(c => new[] { c.Enterprise, c.Place })
                .Select(ComplaintClusterDetector.Normalise)
                .OfType<string>()
                .ToHashSet(StringComparer.Ordinal);
            var named = expectations.OfType<WarningRaisedExpectation>().Select(e => (e.Where, Subject: e.Enterprise ?? e.Place))
                .Concat(schedule.Where(s => s.Copy == 0).Select(s => s.Inject).OfType<WarningEscalated>().Select(e => (e.Where, Subject: e.Enterprise ?? e.Place)));
            foreach (var (where, subject) in named)
            {
                if (ComplaintClusterDetector.Normalise(subject) is not { } key || !complainedAbout.Contains(key))
                {
                    Error(where, ScenarioTexts.NoComplaintAbout.With(("subject", subject ?? "")));
                }
            }
        }
    }
}
