using Emergency.Domain.Messages;

namespace Emergency.Host.Api;

/// <summary>What the audit trail's endpoint says about a query it cannot read.</summary>
public static class AuditTexts
{
    public static readonly MessageCode NotAMoment = new("audit.notAMoment", "value");

    public static readonly MessageCode NotAWholeNumber = new("audit.notAWholeNumber", "value", "lowest", "highest");
}
