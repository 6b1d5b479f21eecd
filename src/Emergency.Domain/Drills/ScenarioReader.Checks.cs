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
                    Error(inject.Inject.Where, $"id '{inject.Inject.Id}' is used twice (first at line {byId[inject.Inject.Id!].Inject.Where.Line})");
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
                        Error(after.At, $"after '{after.Value}': no inject has this id");
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
                        Error(target.After!.At, $"'after' goes round in a circle: {string.Join(" → ", cycle)}; one of them needs 'at'");
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
                        Error(link.AtPosition, $"this inject falls at {Offsets.Format(moment.Value)}, later than a drill may run ({Offsets.Format(Offsets.Longest)})");
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
                    Error(inject.AtPosition, $"the last of its {repeat} repetitions falls at {Offsets.Format(at + (every * (repeat - 1)))}, later than a drill may run ({Offsets.Format(Offsets.Longest)})");
                }
                else if (schedule.Count > MaxScheduled)
                {
                    Error(inject.Inject.Where, $"with its repetitions the scenario has {schedule.Count:N0} injects; a drill may run at most {MaxScheduled:N0}");
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
                    Error(reported.Where, $"incident '{reported.Incident}' is reported twice (first at line {declared[reported.Incident].Inject.Where.Line}); later news about it is a factsChanged inject");
                }
            }

            var reportedAt = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
            foreach (var s in schedule)
            {
                if (s.Inject is CorrectionRecorded { Known: { } known } corrected && known > s.At)
                {
                    Error(corrected.Where, $"known {Offsets.Format(known)} is after the correction itself ({Offsets.Format(s.At)}): the truth is known before it is recorded");
                }

                switch (s.Inject)
                {
                    case IncidentReported reported when declared[reported.Incident] == s:
                        reportedAt[reported.Incident] = s.At;
                        if (reported.Discovered > s.At)
                        {
                            Error(reported.Where, $"discovered {Offsets.Format(reported.Discovered.Value)} is after the report itself ({Offsets.Format(s.At)}): an incident is discovered before it is reported");
                        }

                        break;
                    case IncidentInject other when other is not IncidentReported:
                        if (!declared.TryGetValue(other.Incident, out var declaration))
                        {
                            Error(other.Where, $"unknown incident '{other.Incident}': no incidentReported inject names it");
                        }
                        else if (!reportedAt.ContainsKey(other.Incident))
                        {
                            Error(other.Where, $"this inject at {Offsets.Format(s.At)} comes before incident '{other.Incident}' is reported ({Offsets.Format(declaration.At)}, line {declaration.Inject.Where.Line})");
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
                Error(expectation.Where, $"unknown incident '{expectation.Incident}': no incidentReported inject names it");
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
                    Error(step.Where, $"decision '{step.Decision}' is drafted twice (first at line {drafted[step.Decision].Inject.Where.Line}); a new version of the proposal is a changeProposal step");
                }
            }

            foreach (var s in schedule.Where(s => s.Inject is DecisionStep { Command: not DraftMajorDecision }))
            {
                var step = (DecisionStep)s.Inject;
                if (!drafted.TryGetValue(step.Decision, out var draft))
                {
                    Error(step.Where, $"unknown decision '{step.Decision}': no decision inject drafts it (action: draft)");
                }
                else if (draft.At > s.At || (draft.At == s.At && draft.Sequence > s.Sequence))
                {
                    Error(step.Where, $"this step at {Offsets.Format(s.At)} comes before decision '{step.Decision}' is drafted ({Offsets.Format(draft.At)}, line {draft.Inject.Where.Line})");
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
                    Error(where, $"unknown decision '{decision}': no decision inject drafts it");
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
                    Error(where, $"no complaint of the scenario is about '{subject}': a warning is raised only by complaints");
                }
            }
        }
    }
}
