using Emergency.Domain.Messages;

namespace Emergency.Domain.Disputes;

/// <summary>What a deputy's suggestion or a member's proposal says (建议提案): its timeline and its refusals.</summary>
public static class SuggestionTexts
{
    public static readonly MessageCode Registered = new("suggestion.timeline.registered", "kind", "number", "title", "deputy", "at", "unit", "ruleSet");
    public static readonly MessageCode Number = new("suggestion.timeline.number", "number");
    public static readonly MessageCode Complex = new("suggestion.timeline.complex", "assigned", "because");
    public static readonly MessageCode Returned = new("suggestion.timeline.returned", "unit", "reason");
    public static readonly MessageCode Communicated = new("suggestion.timeline.communicated", "means");
    public static readonly MessageCode Replied = new("suggestion.timeline.replied", "stage", "communicated");
    public static readonly MessageCode AfterCommunicating = new("suggestion.timeline.afterCommunicating");
    public static readonly MessageCode WithoutCommunication = new("suggestion.timeline.withoutCommunication");
    public static readonly MessageCode Satisfaction = new("suggestion.timeline.satisfaction", "satisfaction", "stage");
    public static readonly MessageCode BecauseSentBack = new("suggestion.because.sentBack", "unit");
    public static readonly MessageCode BecauseReplied = new("suggestion.because.replied");

    public static readonly MessageCode MoveAssign = new("suggestion.move.assign");
    public static readonly MessageCode MoveReturn = new("suggestion.move.return");
    public static readonly MessageCode MoveCommunicate = new("suggestion.move.communicate");
    public static readonly MessageCode MoveNewReply = new("suggestion.move.newReply");
    public static readonly MessageCode MoveReply = new("suggestion.move.reply");
    public static readonly MessageCode MoveRecordSatisfaction = new("suggestion.move.recordSatisfaction");
    public static readonly MessageCode MoveClose = new("suggestion.move.close");

    public static readonly MessageCode ItemClosed = new("suggestion.refused.closed", "move");
    public static readonly MessageCode AlreadyAssigned = new("suggestion.refused.alreadyAssigned", "unit");
    public static readonly MessageCode NotAssigned = new("suggestion.refused.notAssigned");
    public static readonly MessageCode AlreadyReplied = new("suggestion.refused.alreadyReplied");
    public static readonly MessageCode AssignFirst = new("suggestion.refused.assignFirst");
    public static readonly MessageCode ReplyGiven = new("suggestion.refused.replyGiven");
    public static readonly MessageCode SatisfactionAfterReply = new("suggestion.refused.satisfactionAfterReply");
    public static readonly MessageCode OwedNewReply = new("suggestion.refused.owedNewReply");
    public static readonly MessageCode CloseBeforeReply = new("suggestion.refused.closeBeforeReply");
    public static readonly MessageCode PhaseForbids = new("suggestion.refused.phaseForbids", "move", "phase");
    public static readonly MessageCode ThenHandle = new("suggestion.refused.thenHandle");
    public static readonly MessageCode SatisfactionRecorded = new("suggestion.refused.satisfactionRecorded", "stage", "satisfaction", "at");
    public static readonly MessageCode SatisfactionFirst = new("suggestion.refused.satisfactionFirst", "stage");

    public static readonly MessageCode NoRuleSetInForce = new("suggestion.field.noRuleSetInForce", "at", "earliest");
    public static readonly MessageCode ComplexOnly = new("suggestion.field.complexOnly");
    public static readonly MessageCode AfterLegalLimit = new("suggestion.field.afterLegalLimit", "deadline", "limit", "basis");
    public static readonly MessageCode NotAMove = new("suggestion.field.notAMove", "move");
}
