using Emergency.Domain.Messages;

namespace Emergency.Domain.Incidents;

/// <summary>What the reporting chain (信息报告) says: the parties, the bases of its hops' deadlines, its timeline lines and its refusals.</summary>
public static class ChainTexts
{
    // The parties.
    public static readonly MessageCode Bureau = new("chain.party.bureau", "region");

    public static readonly MessageCode Government = new("chain.party.government", "region");

    public static readonly MessageCode Ministry = new("chain.party.ministry");

    public static readonly MessageCode StateCouncil = new("chain.party.stateCouncil");

    // Why a hop is due by when.
    public static readonly MessageCode BasisFromDiscovery = new("chain.basis.fromDiscovery", "why", "window", "basis", "source");

    public static readonly MessageCode BasisFromRegrade = new("chain.basis.fromRegrade", "why", "window", "since", "basis", "source");

    public static readonly MessageCode BasisFromReceipt = new("chain.basis.fromReceipt", "why", "window", "sender", "received", "basis", "source");

    /// <summary>The II/I procedure applied to a level not yet clear with sensitive factors present.</summary>
    public static readonly MessageCode WhyUnclearSensitive = new("chain.why.unclearSensitive", "level", "source");

    // The timeline.
    public static readonly MessageCode HopDue = new("chain.hopDue", "from", "to", "due", "basis");

    public static readonly MessageCode HopReceived = new("chain.hopReceived", "from", "to", "medium", "sent", "sentBy", "received", "receivedBy");

    public static readonly MessageCode HopReceivedLate = new("chain.hopReceivedLate", "from", "to", "medium", "sent", "sentBy", "received", "receivedBy", "late", "due");

    public static readonly MessageCode HopSent = new("chain.hopSent", "from", "to", "medium", "sent", "sentBy");

    public static readonly MessageCode HopDirect = new("chain.hopDirect", "from", "to", "medium", "sent", "sentBy", "received", "receivedBy");

    public static readonly MessageCode HopSkipped = new("chain.hopSkipped", "from", "to", "via");

    /// <summary>A phone report received: a written one is owed (MEP Order 17 art. 9).</summary>
    public static readonly MessageCode WrittenOwed = new("chain.writtenOwed", "text");

    public static readonly MessageCode WrittenReceived = new("chain.writtenReceived", "from", "to", "at", "phoned");

    public static readonly MessageCode Rerun = new("chain.rerun", "before", "level", "hops");

    public static readonly MessageCode RerunNothingNew = new("chain.rerunNothingNew", "before", "level");

    /// <summary>One hop named in a sentence: "长治市 → 山西省".</summary>
    public static readonly MessageCode Hop = new("chain.hop", "from", "to");

    public static readonly MessageCode List = new("chain.list", "first", "next");

    // Refusals.
    public static readonly MessageCode NoChain = new("chain.noChain", "region");

    public static readonly MessageCode UnknownHop = new("chain.unknownHop", "hop", "known");

    public static readonly MessageCode AlreadyReceived = new("chain.alreadyReceived", "hop", "at");

    public static readonly MessageCode WrittenAlready = new("chain.writtenAlready", "hop", "at");

    public static readonly MessageCode ByItsOwnMove = new("chain.byItsOwnMove", "obligation");

    public static readonly MessageCode TheSending = new("chain.theSending");

    public static readonly MessageCode SenderReceipt = new("chain.senderReceipt", "sender");
}
