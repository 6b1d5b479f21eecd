namespace Emergency.Domain.Messages;

/// <summary>What every kind of case says alike: the checks of a command's fields.</summary>
public static class CommonTexts
{
    /// <summary>Why a command was refused as malformed: every field's problem.</summary>
    public static readonly MessageCode InvalidFields = new("common.invalidFields", "errors");

    public static readonly MessageCode FieldError = new("common.fieldError", "field", "problem");

    public static readonly MessageCode Required = new("field.required");

    public static readonly MessageCode NotNegative = new("field.notNegative");

    public static readonly MessageCode NotOneOf = new("field.notOneOf", "value", "allowed");

    /// <summary>A value that is none of those allowed, every allowed one named.</summary>
    public static Message NotOneOfThese(string value, IEnumerable<string> allowed) =>
        NotOneOf.With(("value", value), ("allowed", Arg.Of(allowed.Select(Arg.Of))));

    public static readonly MessageCode InFuture = new("field.inFuture", "value", "now");

    public static readonly MessageCode Before = new("field.before", "value", "what", "earliest");

    public static readonly MessageCode TooLong = new("field.tooLong", "length", "max");

    public static readonly MessageCode TooMany = new("field.tooMany", "count", "max");

    public static readonly MessageCode AtLeast = new("field.atLeast", "min");

    public static readonly MessageCode NotAfterNow = new("field.notAfterNow", "value", "now");

    /// <summary>A case that already exists under the id a creating move names.</summary>
    public static readonly MessageCode CaseExists = new("case.exists", "id");

    public static readonly MessageCode ScopeShape = new("case.scopeShape", "scope");

    public static readonly MessageCode MomentMismatch = new("case.momentMismatch");

    public static readonly MessageCode CommandIdReused = new("case.commandIdReused", "id");

    /// <summary>The end of a span before its start.</summary>
    public static readonly MessageCode EndBeforeStart = new("field.endBeforeStart", "value", "start", "startField");
}
