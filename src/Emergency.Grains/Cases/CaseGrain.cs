using System.Security.Cryptography;
using System.Text.Json;
using Emergency.Contracts;
using Emergency.Domain;
using Emergency.Domain.Cases;
using Emergency.Domain.Messages;
using Emergency.Storage.Indexing;
using Microsoft.Extensions.Logging;

namespace Emergency.Grains.Cases;

/// <summary>
/// The machinery every case grain shares, whatever its procedure: load the case, let the domain judge a command,
/// answer only after the write is durable (and drop the activation when a write fails), remember command ids so a
/// retry is answered without applying twice, re-arm the next deadline (or a closed case's purge of its personal data)
/// with a precise timer on the engine clock and a durable reminder as safety net, write the case's row of the durable case index with every write of its state (the
/// lists read that index), and publish the summary to the boards. A drill case runs the
/// same code on its drill's virtual clock: "now" comes with each command, and the drill advances the clock instead of
/// timers and reminders.
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
    private const string DeadlineReminder = "deadline";

    /// <summary>Safety-net period of the durable reminder; the precise wake-up is the in-memory timer.</summary>
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(10);

    /// <summary>
    /// The longest a timer or a reminder's first tick is set for: .NET timers take at most about 49.7 days, and a
    /// petition's reply limit is 60 days or more. A wait that is longer wakes early and is armed again for the rest.
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
    private DateTimeOffset? _reminderFor;
    private bool _reminderKnown;

    /// <summary>The deadline the stored record says the reminder was armed for, as found when this activation began.</summary>
    private DateTimeOffset? _armedBeforeActivation;

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

    /// <summary>What the case index keeps of a summary beside it, for queries: region, unit, level, phase (each null where the kind has none).</summary>
    protected virtual (string? Region, string? Unit, string? Level, string? Phase) Describe(TSummary summary) => default;

    /// <summary>A reference to this grain through its own interface, for the deadline timer.</summary>
    protected abstract ICaseGrain<TSummary> Self { get; }

    protected abstract BoardUpdate BoardUpdateOf(TSummary summary);

    /// <summary>Runs before a command is judged: a grain whose rules depend on other grains refreshes them here.</summary>
    protected virtual Task BeforeCommand() => Task.CompletedTask;

    /// <summary>Runs before a drill case's state is deleted: a grain that left traces in other grains purges them here.</summary>
    protected virtual Task OnPurging(TCase @case) => Task.CompletedTask;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (Exists(_record.State.Case))
        {
            _armedBeforeActivation = _record.State.ReminderFor;
            Case = Load(_record.State.Case);
            await CatchUp();
            if (!_record.State.Indexed)
            {
                // Stored before the case index existed: this write gives the case its row.
                await WriteAndPublish(CurrentTime);
            }
        }
        else
        {
            // Nothing stored, so no reminder either: one is registered only after the case's first durable write, and
            // a live case's record is never cleared. A registration need not read the reminder table.
            _reminderKnown = true;
            _reminderFor = null;
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

    public Task ReceiveReminder(string reminderName, TickStatus status) => Case is null ? Task.CompletedTask : CatchUp();

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
        return await Persist(context, fingerprint, decision, now);
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
            await Arm(now);
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
            _record.State.Commands[index] = _record.State.Commands[index] with { Answer = _answers.Keep(view) };
        }
    }

    private async Task<CommandResult<TView>> Persist(CommandContext context, string? fingerprint, Decision decision, DateTimeOffset now)
    {
        // The answer is the case as it stands after this command; it does not change with the write.
        var view = ViewOf(Case!, now, context.Actor);
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

        // What Arm will register after this write; if that registration fails, the reminder armed before still ticks
        // every period, so the case is looked at within ReminderPeriod anyway.
        _record.State.ReminderFor = !Scopes.IsDrill(Case!.Scope) && NextWakeAt is { } due && due - now <= LongestWait ? due : null;
        var summary = SummaryOf(Case!, now);
        _record.State.IndexRow = IndexRowOf(summary, now);
        _record.State.Indexed = true;
        try
        {
            await _record.WriteStateAsync();
        }
        catch
        {
            // Memory now differs from what is stored: drop this activation so the next call reloads the truth.
            DeactivateOnIdle();
            throw;
        }

        GrainFactory.GetGrain<IBoardFeedGrain>(summary.Scope).Publish(BoardUpdateOf(summary)).Ignore();
        await Arm(now);
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
            NextDueAt = Case.NextDueAt,
            Region = region,
            Unit = unit,
            Level = level,
            Phase = phase,
            CaseVersion = summary.Version,
            Summary = JsonSerializer.Serialize(summary, DomainJson.Options),
        };
    }

    /// <summary>A precise timer for the next deadline while active, and a durable reminder in case the activation goes away.</summary>
    private async Task Arm(DateTimeOffset now)
    {
        if (Scopes.IsDrill(Case!.Scope))
        {
            // The drill advances its cases on its virtual clock; real time must never mark them.
            return;
        }

        var next = NextWakeAt;
        if (next != _timerFor)
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

                _timer = _clock.Time.CreateTimer(_ => self.Touch().Ignore(), null, delay < TimeSpan.Zero ? TimeSpan.Zero : delay, Timeout.InfiniteTimeSpan);
            }
        }

        try
        {
            await ArmReminder(next, now);
        }
        catch (Exception ex)
        {
            // The command is already durable; the timer still fires, and the directory wakes the case when the index says it is due.
            LogReminderFailed(_logger, ex, Noun, this.GetPrimaryKeyString());
        }
    }

    private async Task ArmReminder(DateTimeOffset? next, DateTimeOffset now)
    {
        if (!_reminderKnown)
        {
            var existing = await this.GetReminder(DeadlineReminder);
            _reminderFor = existing is null ? null : _armedBeforeActivation ?? DateTimeOffset.MinValue;
            _reminderKnown = true;
        }

        if (next == _reminderFor)
        {
            return;
        }

        var capped = false;
        if (next is { } due)
        {
            var delay = due - now;
            capped = delay > LongestWait;
            await this.RegisterOrUpdateReminder(DeadlineReminder, delay < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : capped ? LongestWait : delay, ReminderPeriod);
        }
        else if (_reminderFor is not null && await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        // A capped reminder is armed for an earlier moment than the deadline: its first tick arms it again for the rest,
        // instead of ticking every period until the deadline.
        _reminderFor = capped ? DateTimeOffset.MinValue : next;
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
            : new CommandResult<TView> { Status = CommandStatus.Replayed, Decision = Decision.Accepted, View = Case is null ? null : ViewOf(Case, CurrentTime, actor), FirstAnswerExpired = true };
    }

    private CommandResult<TView> Refused(Decision decision, Actor actor) => decision.Outcome switch
    {
        // A case outside the sender's jurisdiction is not shown to them, not even in the refusal.
        DecisionOutcome.Forbidden => new() { Status = CommandStatus.Forbidden, Decision = decision },
        DecisionOutcome.Invalid => Refused(CommandStatus.Invalid, decision, actor),
        _ => Refused(CommandStatus.NotAllowed, decision, actor),
    };

    private CommandResult<TView> Refused(CommandStatus status, Decision decision, Actor actor) =>
        new() { Status = status, Decision = decision, View = Case is null ? null : ViewOf(Case, CurrentTime, actor) };

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

    [LoggerMessage(Level = LogLevel.Error, Message = "Could not arm the deadline reminder of {Noun} {CaseId}")]
    private static partial void LogReminderFailed(ILogger logger, Exception exception, string noun, string caseId);
}
