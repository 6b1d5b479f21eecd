using System.Security.Cryptography;
using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Storage.Indexing;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Emergency.Grains.Cases;

/// <summary>
/// The machinery every case grain shares, whatever its procedure: load the case, let the domain judge a command,
/// answer only after the write is durable (and drop the activation when a write fails), remember command ids so a
/// retry is answered without applying twice, write the case's row of the durable case index with every write of its
/// state (the lists read that index, and its next wake-up is what wakes the case), keep a precise timer on the engine
/// clock for the next deadline (or a closed case's purge of its personal data) while active, and publish the summary
/// to the boards. A case keeps no reminder of its own: its kind's directory wakes it from the index (see
/// <see cref="CaseDirectoryGrain{TSummary}"/>), so a registration is one durable write. A drill case runs the same
/// code on its drill's virtual clock: "now" comes with each command, and the drill advances the clock instead of timers.
/// </summary>
/// <typeparam name="TCase">The domain aggregate.</typeparam>
/// <typeparam name="TState">Its stored state.</typeparam>
/// <typeparam name="TView">How the case is shown in answers.</typeparam>
/// <typeparam name="TSummary">One line of the case in lists and on the board.</typeparam>
public abstract partial class CaseGrain<TCase, TState, TView, TSummary> : Grain, IRemindable
    where TCase : class, ICase
    where TState : class, new()
    where TView : class
    where TSummary : class, ICaseSummary
{
    /// <summary>
    /// The reminder each case registered before its directory woke it from the index: one that still ticks (stored by
    /// an older version) is unregistered by the case it wakes.
    /// </summary>
    private const string FormerDeadlineReminder = "deadline";

    /// <summary>How long after its moment a timer armed again for the same moment fires (a deadline passes after its moment: <c>DueAt &lt; now</c>).</summary>
    private static readonly TimeSpan JustAfter = TimeSpan.FromMilliseconds(1);

    /// <summary>A wake-up this close is armed again at each look, so a timer that fired early is not the last word.</summary>
    private static readonly TimeSpan RearmWithin = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest a timer is set for: .NET timers take at most about 49.7 days, and a petition's reply limit is 60
    /// days or more. A wait that is longer wakes early and is armed again for the rest.
    /// </summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromDays(30);

    /// <summary>A drill command without its moment on the drill's clock, or a live command that names one.</summary>
    private static readonly Decision MomentMismatch =
        Decision.Invalid([new FieldError("at", CommonTexts.MomentMismatch)]);

    private readonly IPersistentState<CaseRecord<TState>> _record;
    private readonly EngineClock _clock;
    private readonly AnswerRetention _answers;
    private readonly ILogger _logger;
    private ITimer? _timer;
    private DateTimeOffset? _timerFor;

    /// <summary>The wake-up this activation last told its directory of.</summary>
    private DateTimeOffset? _directoryTold;

    protected CaseGrain(IPersistentState<CaseRecord<TState>> record, EngineClock clock, AnswerRetention answers, ILogger logger)
    {
        _record = record;
        _clock = clock;
        _answers = answers;
        _logger = logger;
    }

    /// <summary>The case, once registered (null before, and after a drill purge).</summary>
    protected TCase? Case { get; private set; }

    /// <summary>Now on this case's clock: the engine's for live work, the drill's latest moment for a drill.</summary>
    protected DateTimeOffset CurrentTime => Case is { } c && Scopes.IsDrill(c.Scope) ? _record.State.DrillNow ?? c.RegisteredAt : _clock.Now;

    /// <summary>What kind of case this is, in refusals ("incident", "petition"...).</summary>
    protected abstract string Noun { get; }

    protected abstract bool Exists(TState state);

    protected abstract TCase Load(TState state);

    protected abstract TState StateOf(TCase @case);

    /// <summary>The case shown to <paramref name="actor"/> (null: the engine itself), as of <paramref name="now"/>.</summary>
    protected abstract TView ViewOf(TCase @case, DateTimeOffset now, Actor? actor);

    protected abstract TSummary SummaryOf(TCase @case, DateTimeOffset now);

    /// <summary>
    /// What the case index keeps of a summary beside it, for queries: region, unit, level, phase (each null where the
    /// kind has none). The level is also the lane of the open list's order (an incident's): a kind listed without lanes
    /// must leave it null.
    /// </summary>
    protected virtual (string? Region, string? Unit, string? Level, string? Phase) Describe(TSummary summary) => default;

    /// <summary>A reference to this grain through its own interface, for the deadline timer.</summary>
    protected abstract ICaseGrain<TSummary> Self { get; }

    /// <summary>The directory of this kind of case in <paramref name="scope"/>: it wakes the case at its deadline when no activation is watching.</summary>
    protected abstract ICaseDirectoryGrain<TSummary> Directory(string scope);

    protected abstract BoardUpdate BoardUpdateOf(TSummary summary);

    /// <summary>Runs before a command is judged: a grain whose rules depend on other grains refreshes them here.</summary>
    protected virtual Task BeforeCommand() => Task.CompletedTask;

    /// <summary>Runs before a drill case's state is deleted: a grain that left traces in other grains purges them here.</summary>
    protected virtual Task OnPurging(TCase @case) => Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists(_record.State.Case))
        {
            Case = Load(_record.State.Case);
            await CatchUp();
            if (!_record.State.Indexed)
            {
                // Stored before the case index existed: this write gives the case its row.
                await WriteAndPublish(CurrentTime);
            }
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _timer?.Dispose();
        await FlushOnDeactivation();
    }

    public async Task<TSummary?> Touch()
    {
        if (Case is null)
        {
            DeactivateOnIdle();
            return null;
        }

        await CatchUp();
        return SummaryOf(Case, CurrentTime);
    }

    public async Task<TSummary?> Advance(DateTimeOffset now)
    {
        if (Case is null || !Scopes.IsDrill(Case.Scope))
        {
            return null;
        }

        if (_record.State.DrillNow is null || now > _record.State.DrillNow)
        {
            _record.State.DrillNow = now;
        }

        await CatchUp();
        return SummaryOf(Case, CurrentTime);
    }

    public async Task Purge()
    {
        if (Case is not null && !Scopes.IsDrill(Case.Scope))
        {
            throw new InvalidOperationException($"only drill cases can be purged; this {Noun} is live");
        }

        if (Case is not null)
        {
            await OnPurging(Case);
        }

        await _record.ClearStateAsync();
        Case = null;
        DeactivateOnIdle();
    }

    /// <summary>Only a reminder registered by an older version reaches a case: it goes, and the case catches up.</summary>
    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == FormerDeadlineReminder)
        {
            try
            {
                if (await this.GetReminder(reminderName) is { } reminder)
                {
                    await this.UnregisterReminder(reminder);
                }
            }
            catch (Exception ex)
            {
                // It ticks again and is unregistered then; the case is woken by its directory either way.
                LogFormerReminderKept(_logger, ex, Noun, this.GetPrimaryKeyString());
            }
        }

        if (Case is not null)
        {
            await CatchUp();
        }
    }

    /// <summary>
    /// Registers the case under this grain's id: <paramref name="create"/> asks the domain at the command's moment.
    /// Its first write carries its index row, so a stored case is never missing from a list.
    /// </summary>
    protected async Task<CommandResult<TView>> Register<TCommand>(
        TCommand command, string scope, CommandContext context, Func<DateTimeOffset, (TCase? Case, Decision Decision)> create)
    {
        try
        {
            var result = await Registered(command, scope, context, create);
            CaseTelemetry.Count(Noun, command, scope, result.Status);
            return result;
        }
        catch
        {
            CaseTelemetry.Count(Noun, command, scope, CaseTelemetry.Failed);
            throw;
        }
    }

    /// <summary>Judges a command on the case at the command's moment and, when accepted, makes it durable before answering.</summary>
    protected async Task<CommandResult<TView>> Execute<TCommand>(CommandContext context, TCommand command, Func<TCase, DateTimeOffset, Decision> act)
    {
        try
        {
            var result = await Executed(context, command, act);
            CaseTelemetry.Count(Noun, command, Case?.Scope, result.Status);
            return result;
        }
        catch
        {
            CaseTelemetry.Count(Noun, command, Case?.Scope, CaseTelemetry.Failed);
            throw;
        }
    }

    private async Task<CommandResult<TView>> Registered<TCommand>(
        TCommand command, string scope, CommandContext context, Func<DateTimeOffset, (TCase? Case, Decision Decision)> create)
    {
        var fingerprint = FingerprintFor(context, command);
        if (Case is not null)
        {
            return context.CommandId is { } id && _record.State.FindCommand(id) is { } applied
                ? Replay(applied, fingerprint, context.Actor)
                : Refused(CommandStatus.NotAllowed, Decision.NotAllowed(CommonTexts.CaseExists.With(("id", this.GetPrimaryKeyString())), []), context.Actor);
        }

        if (!Scopes.IsValid(scope))
        {
            return Refused(Decision.Invalid([new FieldError("scope", CommonTexts.ScopeShape.With(("scope", scope)))]), context.Actor);
        }

        if (TimeOf(context, scope) is not { } now)
        {
            return Refused(MomentMismatch, context.Actor);
        }

        await BeforeCommand();
        var (created, decision) = create(now);
        if (created is null)
        {
            return Refused(decision, context.Actor);
        }

        _record.State.Case = StateOf(created);
        Case = created;
        CommandResult<TView> registered;
        try
        {
            registered = await Persist(context, fingerprint, decision, now);
        }
        catch (InconsistentStateException) when (context.CommandId is not null && _record.Etag is null)
        {
            // The id follows from the idempotency key, and the case was taken for new without reading it (FreshKeys):
            // a row exists, so this is a retry of a registration already made (its activation since gone). Its row is
            // read (which gives it a version, so this is not taken again) and the registration answered as the retry
            // it is.
            await _record.ReadStateAsync();
            Case = Exists(_record.State.Case) ? Load(_record.State.Case) : null;
            return await Registered(command, scope, context, create);
        }

        if (!Scopes.IsDrill(scope) && LeavesMemoryOnceRegistered)
        {
            LeaveMemory();
        }

        return registered;
    }

    private async Task<CommandResult<TView>> Executed<TCommand>(CommandContext context, TCommand command, Func<TCase, DateTimeOffset, Decision> act)
    {
        if (Case is null)
        {
            DeactivateOnIdle();
            return CommandResult<TView>.NotFound;
        }

        var fingerprint = FingerprintFor(context, command);
        if (context.CommandId is { } id && _record.State.FindCommand(id) is { } applied)
        {
            return Replay(applied, fingerprint, context.Actor);
        }

        if (TimeOf(context, Case.Scope) is not { } now)
        {
            return Refused(MomentMismatch, context.Actor);
        }

        await BeforeCommand();
        var before = Case.Version;
        var decision = act(Case, now);
        if (decision.IsAccepted)
        {
            return await Persist(context, fingerprint, decision, now);
        }

        if (Case.Version != before)
        {
            // Refused, but deadlines fell due on the way: those are real events and are kept.
            await WriteAndPublish(now);
        }

        return Refused(decision, context.Actor);
    }

    /// <summary>Marks what fell due (also while the engine was down) and re-arms the next deadline.</summary>
    protected async Task CatchUp()
    {
        var now = CurrentTime;
        var ticked = Case!.Tick(now);
        var purged = await PurgePersonalDataIfDue(now);
        if (ticked || purged)
        {
            await WriteAndPublish(now);
        }
        else
        {
            Arm(now);
        }

        if (purged)
        {
            await RecordPurge(now);
        }
    }

    /// <summary>
    /// For a command that goes on with one of the engine's own before it is answered (a petition linking earlier
    /// cases): the answer finally given replaces the one stored for <paramref name="context"/>'s command id, and is
    /// made durable by that next write.
    /// </summary>
    protected void KeepAnswer(CommandContext context, TView view)
    {
        var index = context.CommandId is { } id ? _record.State.Commands.FindIndex(c => c.Id == id) : -1;
        if (index >= 0 && _record.State.Commands[index].Answer is not null)
        {
            _record.State.Commands[index] = _record.State.Commands[index] with { Answer = _answers.Keep(Paged(view)) };
        }
    }

    private async Task<CommandResult<TView>> Persist(CommandContext context, string? fingerprint, Decision decision, DateTimeOffset now)
    {
        // The answer is the case as it stands after this command; it does not change with the write.
        var view = AcceptedAnswerOf(context, now);
        if (context.CommandId is { } id)
        {
            var applied = new AppliedCommand(id, fingerprint!, Case!.Version);
            if (_answers.KeepsAny && !_deferring && _answers.Keep(view) is { } answer)
            {
                applied = applied with { Answer = answer, AnsweredAt = _clock.Now, AnsweredTo = context.Actor.ToString() };
            }

            _record.State.Remember(applied, _answers, _clock.Now);
        }

        await WriteAndPublish(now);
        return new CommandResult<TView> { Status = CommandStatus.Accepted, Decision = decision, View = view };
    }

    private async Task WriteAndPublish(DateTimeOffset now)
    {
        if (Deferring(now))
        {
            return;
        }

        var summary = SummaryOf(Case!, now);
        _record.State.IndexRow = IndexRowOf(summary, now);
        _record.State.Indexed = true;
        try
        {
            await _record.WriteStateAsync();
        }
        catch
        {
            // Memory now differs from what is stored: drop this activation so the next call reloads the truth. Within a
            // call, once it ends: the rest of it may still call back into this case.
            LeaveMemory();
            throw;
        }

        KeyedReferences<IBoardFeedGrain>.Get(GrainFactory, summary.Scope).Publish(BoardUpdateOf(summary)).Ignore();
        Arm(now);
    }

    /// <summary>The case's line in the index as of <paramref name="now"/>: the summary as the lists show it, and what queries select on.</summary>
    private CaseIndexRow IndexRowOf(TSummary summary, DateTimeOffset now)
    {
        var (region, unit, level, phase) = Describe(summary);
        return new CaseIndexRow
        {
            Scope = summary.Scope,
            IsOpen = !summary.IsClosed,
            OpenedAt = Case!.RegisteredAt,
            At = now,
            NextDueAt = Scopes.IsDrill(Case.Scope) ? null : NextWakeAt,
            Overdue = summary.Overdue,
            ListDueAt = summary.NextDueAt,
            Region = region,
            Unit = unit,
            Level = level,
            Phase = phase,
            CaseVersion = summary.Version,
            Summary = JsonSerializer.Serialize(summary, DomainJson.Options),
        };
    }

    /// <summary>
    /// A precise timer for the next wake-up while active; and the directory told of it when it changed, so that it
    /// wakes the case at that moment if this activation is gone by then (an idle case is deactivated).
    /// </summary>
    private void Arm(DateTimeOffset now)
    {
        if (Scopes.IsDrill(Case!.Scope))
        {
            // The drill advances its cases on its virtual clock; real time must never mark them.
            return;
        }

        var next = NextWakeAt;

        // A timer may fire a little before its moment by the wall clock the domain reads; the touch then finds nothing
        // due, and a timer for the same moment that is this close is armed again rather than trusted to fire twice.
        var again = next == _timerFor;
        if (!again || next - now <= RearmWithin)
        {
            _timer?.Dispose();
            _timer = null;
            _timerFor = next;
            if (next is { } due)
            {
                var self = Self;
                var delay = due - now;
                if (delay > LongestWait)
                {
                    delay = LongestWait;
                    _timerFor = null;
                }

                // Armed again for the same moment, it fires just after it, never at once in a loop on a clock that stands still.
                var wait = (delay < TimeSpan.Zero ? TimeSpan.Zero : delay) + (again ? JustAfter : TimeSpan.Zero);
                _timer = _clock.Time.CreateTimer(_ => self.Touch().Ignore(), null, wait, Timeout.InfiniteTimeSpan);
            }
        }

        if (next is { } wake && wake != _directoryTold)
        {
            // One-way and in memory: the index row written with the state is what the directory's sweep reads if this is lost.
            Directory(Case.Scope).Expect(wake).Ignore();
            _directoryTold = wake;
        }
    }

    /// <summary>
    /// A retry gets the first answer while it is kept; after that (or for a command stored before answers were kept)
    /// it is still not applied again, and gets the case as it is now, marked so.
    /// </summary>
    private CommandResult<TView> Replay(AppliedCommand applied, string? fingerprint, Actor actor)
    {
        if (applied.Fingerprint != fingerprint)
        {
            return Refused(CommandStatus.CommandIdReused, Decision.NotAllowed(CommonTexts.CommandIdReused.With(("id", applied.Id)), Case?.AllowedMoves(CurrentTime) ?? []), actor);
        }

        return applied.AnswerStands(_answers, _clock.Now) && applied.AnsweredTo == actor.ToString()
            ? new CommandResult<TView> { Status = CommandStatus.Replayed, Decision = Decision.Accepted, View = applied.Answer!.Value.Deserialize<TView>(DomainJson.Options) }
            : new CommandResult<TView> { Status = CommandStatus.Replayed, Decision = Decision.Accepted, View = Case is null ? null : AnswerOf(Case, CurrentTime, actor), FirstAnswerExpired = true };
    }

    private CommandResult<TView> Refused(Decision decision, Actor actor) => decision.Outcome switch
    {
        // A case outside the sender's jurisdiction is not shown to them, not even in the refusal.
        DecisionOutcome.Forbidden => new() { Status = CommandStatus.Forbidden, Decision = decision },
        DecisionOutcome.Invalid => Refused(CommandStatus.Invalid, decision, actor),
        _ => Refused(CommandStatus.NotAllowed, decision, actor),
    };

    private CommandResult<TView> Refused(CommandStatus status, Decision decision, Actor actor) =>
        new() { Status = status, Decision = decision, View = Case is null ? null : AnswerOf(Case, CurrentTime, actor) };

    /// <summary>
    /// The case as a command's answer shows it: with the newest page of its timeline, so that neither the answer nor the
    /// kept copy of it grows with the case's history (older entries are read page by page).
    /// </summary>
    private TView AnswerOf(TCase @case, DateTimeOffset now, Actor? actor) => AnswerViewOf(@case, now, actor);

    /// <summary>
    /// <see cref="ViewOf"/> with only the newest page of its timeline, as <see cref="Paged"/> makes it: a kind that can
    /// draw that page without copying the whole timeline first says so here.
    /// </summary>
    protected virtual TView AnswerViewOf(TCase @case, DateTimeOffset now, Actor? actor) => Paged(ViewOf(@case, now, actor));

    private static TView Paged(TView view) => view is ITimelinePaged<TView> paged ? paged.WithNewestTimeline(TimelinePages.ViewSize) : view;

    /// <summary>The moment a command happens: the engine clock for live work, the drill's clock (never going back) for a drill.</summary>
    private DateTimeOffset? TimeOf(CommandContext context, string scope)
    {
        if (!Scopes.IsDrill(scope))
        {
            return context.At is null ? _clock.Now : null;
        }

        if (context.At is not { } at)
        {
            return null;
        }

        DeferIfAsked(context);

        if (_record.State.DrillNow is null || at > _record.State.DrillNow)
        {
            _record.State.DrillNow = at;
        }

        return _record.State.DrillNow;
    }

    /// <summary>The command's fingerprint when it carries a command id (only then is it remembered or compared); null otherwise.</summary>
    private static string? FingerprintFor<TCommand>(CommandContext context, TCommand command) =>
        context.CommandId is null ? null : Fingerprint(command);

    /// <summary>
    /// By the command's own record, never its kind's base type: the same move fingerprints the same whether it came as
    /// a record or as a command of its kind (which would add its "move" name), and as it did before moves were data.
    /// </summary>
    private static string Fingerprint<TCommand>(TCommand command) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(command, command!.GetType(), DomainJson.Options)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not unregister the former deadline reminder of {Noun} {CaseId}; it goes at its next tick")]
    private static partial void LogFormerReminderKept(ILogger logger, Exception exception, string noun, string caseId);
}
