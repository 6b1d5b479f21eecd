namespace Emergency.Storage.Privacy;

/// <summary>
/// How stored grain state protects personal data: the properties marked with <paramref name="Marker"/> (the domain's
/// <c>[PersonalData]</c>; the storage layer does not know the domain) are encrypted with <paramref name="Keys"/> when
/// they hold text or a JSON value. A marked property of another type is a container whose own fields are marked.
/// </summary>
public sealed record PersonalDataProtection(PersonalDataKeys Keys, Type Marker);
