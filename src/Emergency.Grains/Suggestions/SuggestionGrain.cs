using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Disputes;
using Emergency.Domain.Disputes.Rules;
using Emergency.Grains.Cases;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Suggestions;

/// <summary>One deputy's suggestion or member's proposal (建议提案) on the case machinery shared by every kind of case.</summary>
public sealed class SuggestionGrain(
    [PersistentState(CaseKinds.Suggestion, StorageNames.Provider)] IPersistentState<CaseRecord<SuggestionState>> record,
    SuggestionRuleCatalog catalog,
    EngineClock clock,
    AnswerRetention answers,
    ILogger<SuggestionGrain> logger)
    : CaseGrain<Suggestion, SuggestionState, SuggestionCommand, SuggestionView, SuggestionSummary>(record, clock, answers, logger), ISuggestionGrain
{
    protected override string Noun => "suggestion";

    protected override ICaseGrain<SuggestionSummary> Self => GrainFactory.GetGrain<ISuggestionGrain>(this.GetPrimaryKeyString());

    protected override ICaseDirectoryGrain<SuggestionSummary> Directory(string scope) => KeyedReferences<ISuggestionDirectoryGrain>.Get(GrainFactory, scope);

    public Task<SuggestionView?> GetView(Actor actor) => Task.FromResult(Case is null ? null : ViewOf(Case, CurrentTime, actor));

    protected override (Suggestion? Case, Decision Decision) Create(SuggestionCommand command, string scope, CommandContext context, DateTimeOffset now) =>
        Suggestion.Register(this.GetPrimaryKeyString(), scope, (RegisterSuggestion)command, context.Actor, catalog, now);

    protected override bool Exists(SuggestionState state) => state.Exists;

    protected override Suggestion Load(SuggestionState state) => Suggestion.Load(state, catalog);

    protected override SuggestionState StateOf(Suggestion suggestion) => suggestion.State;

    /// <summary>The deputy's contact and the letters to the deputy only for the roles that need them.</summary>
    protected override SuggestionView ViewOf(Suggestion suggestion, DateTimeOffset now, Actor? actor) =>
        suggestion.View(now, actor is null || DisputeViews.MaySeePersonalData(actor.Role));

    protected override SuggestionSummary SummaryOf(Suggestion suggestion, DateTimeOffset now) => suggestion.Summary(now);

    protected override (string? Region, string? Unit, string? Level, string? Phase) Describe(SuggestionSummary summary) =>
        (null, summary.AssignedUnit ?? summary.Unit, null, summary.Phase.ToString());

    /// <summary>Suggestions have no board lane of their own yet: they show in the supervision figures.</summary>
    protected override BoardUpdate BoardUpdateOf(SuggestionSummary summary) => new() { Scope = summary.Scope };
}
