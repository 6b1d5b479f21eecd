using Emergency.Domain.Decisions;
using Emergency.Domain.Enforcement;
using Emergency.Domain.Incidents;
using Emergency.Domain.Rules;

namespace Emergency.Host.Public;

// What the public page may show, field by field: nothing here names a person (no officer, no complainant, no signer,
// no contact), and nothing is an internal note. A field added to a domain record does not reach the public by itself.

/// <summary>
/// A release in force (published, not superseded or withdrawn) of an open live incident: the department's own words,
/// its CAP identifier, and where its CAP alert is read without signing in.
/// </summary>
public sealed record PublicRelease(
    string Identifier, ReleaseKind Kind, ReleaseAudience Audience, string Headline, string Text, string? HeadlineEn, string? TextEn, string? Reason,
    DateTimeOffset PublishedAt, IncidentLevel Level, string Region, string RegionName, string Cap);

/// <summary>How many live incidents are open at one level in one area.</summary>
public sealed record PublicIncidentCount(IncidentLevel Level, string Region, string RegionName, int Open);

/// <summary>The enforcement measures in force: listed supervisions in place, the blacklist, the regional approval restrictions.</summary>
public sealed record PublicEnforcement(IReadOnlyList<PublicSupervision> Supervisions, IReadOnlyList<PublicBlacklisting> Blacklist, IReadOnlyList<PublicRestriction> Restrictions);

/// <summary>挂牌督办 in place: who or what, the matter, the authority that listed it, and the rectification deadline.</summary>
public sealed record PublicSupervision(SupervisionTarget TargetKind, string Target, string Matter, string IssuedBy, DateTimeOffset ListedAt, DateTimeOffset RectificationDeadline, SupervisionStatus Status);

/// <summary>黑名单: an enterprise on the blacklist and why.</summary>
public sealed record PublicBlacklisting(string Enterprise, string Reason, DateTimeOffset AddedAt);

/// <summary>区域限批 in force: no new approvals in the region while it stands.</summary>
public sealed record PublicRestriction(string Region, string RegionName, string Reason, DateTimeOffset SetAt);

/// <summary>
/// A major decision open for public comment (公开征求意见), and how to comment: the channel the department published;
/// comment is open at least until the end of the minimum period (MayCloseAt).
/// </summary>
public sealed record PublicConsultation(string Title, MajorDecisionKind Kind, string Region, string RegionName, string Proposal, string Channel, DateTimeOffset OpenedAt, DateTimeOffset MayCloseAt);
