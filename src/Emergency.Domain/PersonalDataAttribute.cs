namespace Emergency.Domain;

/// <summary>
/// Marks data about a person (a complainant's name, contact, id number). Only the roles that need it may see it;
/// it never appears in summaries, public views, the timeline or refusal messages, which is what the tests check
/// by walking every type a summary can reach.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Class, Inherited = true)]
public sealed class PersonalDataAttribute : Attribute;
