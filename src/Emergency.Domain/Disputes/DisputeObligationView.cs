using Emergency.Domain.Cases;
using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>A petition's, suggestion's or disclosure request's obligation as seen at one moment (<see cref="CaseObligationView{TKind, TSelf}"/>).</summary>
public sealed record DisputeObligationView : CaseObligationView<DisputeObligationKind, DisputeObligationView>
{
    /// <summary>For JSON: a view read back from a grain or the API.</summary>
    public DisputeObligationView()
    {
    }

    private DisputeObligationView(DisputeObligation obligation, DateTimeOffset now)
        : base(obligation, obligation.Kind.Title(), now)
    {
        Unit = obligation.Unit;
        OpenedAt = obligation.OpenedAt;
        WithdrawnAt = obligation.WithdrawnAt;
        WithdrawnBecause = obligation.WithdrawnBecause;
    }

    public string Unit { get; init; } = "";

    public DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    public Message? WithdrawnBecause { get; init; }

    /// <summary>The deadline lateness is measured against.</summary>
    public DateTimeOffset EffectiveDeadline => OverdueSince ?? DueAt;

    private protected override bool Dropped => WithdrawnAt is not null;

    public static DisputeObligationView Of(DisputeObligation obligation, DateTimeOffset now) => new(obligation, now);
}

/// <summary>A window as seen at one moment.</summary>
public sealed record WindowView
{
    public required string Id { get; init; }

    public required WindowKind Kind { get; init; }

    public required Message Title { get; init; }

    public required WindowStatus Status { get; init; }

    public required DateTimeOffset OpensAt { get; init; }

    public required DateTimeOffset ClosesAt { get; init; }

    public required Message Basis { get; init; }

    public DateTimeOffset? UsedAt { get; init; }

    public DateTimeOffset? WaivedAt { get; init; }

    /// <summary>For an open window: the time left, as of the view.</summary>
    public TimeSpan? Remaining { get; init; }

    public static WindowView Of(Window w, DateTimeOffset now)
    {
        var status = w.StatusAt(now);
        return new WindowView
        {
            Id = w.Id,
            Kind = w.Kind,
            Title = w.Kind.Title(),
            Status = status,
            OpensAt = w.OpensAt,
            ClosesAt = w.ClosesAt,
            Basis = w.Basis,
            UsedAt = w.UsedAt,
            WaivedAt = w.WaivedAt,
            Remaining = status == WindowStatus.Open ? w.ClosesAt - now : null,
        };
    }
}
