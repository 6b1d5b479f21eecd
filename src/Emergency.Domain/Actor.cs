namespace Emergency.Domain;

/// <summary>Who did something: the authenticated user, or the engine itself for deadline events.</summary>
public sealed record Actor(string Id, Role Role)
{
    public static readonly Actor System = new("system", Role.System);

    public override string ToString() => Role == Role.System ? Id : $"{Id} ({Role})";
}

public enum Role
{
    /// <summary>值班指挥 — coordinates incidents.</summary>
    DutyCommander,

    /// <summary>决策者 — submits and decides major decisions.</summary>
    DecisionMaker,

    /// <summary>评估人员 — hears views, analyses and rates the risk of major decisions.</summary>
    Assessor,

    /// <summary>演练组织者 — runs drills.</summary>
    DrillOrganiser,

    /// <summary>Reads everything, changes nothing.</summary>
    Observer,

    /// <summary>The engine itself (deadline events).</summary>
    System,

    /// <summary>信访工作人员 — registers and handles petitions, complaints and suggestions; sees the complainant's personal data.</summary>
    PetitionOfficer,

    /// <summary>系统管理员 — runs the engine: its metrics and the Orleans dashboard; no case rights, sees no case data.</summary>
    Administrator,

    /// <summary>审计员 — reads the audit trail (refused requests, reads of personal data); no case rights, sees no case data.</summary>
    Auditor,
}
