using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Stateless;

namespace Emergency.Domain.Cases;

/// <summary>
/// A move on a case, as data. Each kind of case has one abstract record deriving from this one (an incident's
/// commands, a petition's...), and every move of that kind is a sealed record deriving from it, named by
/// <see cref="MoveAttribute"/>. The same records come from the API, from a drill's injects and reach the grain;
/// in JSON they carry their name in <c>"move"</c> wherever the kind's base type is expected.
/// </summary>
public abstract record CaseCommand;

/// <summary>
/// Names a move and says who may make it. This is the one place a move is declared: the endpoints, the API reference,
/// the JSON discriminator and the drills' vocabulary are all read from it (see <see cref="Moves"/>).
/// </summary>
/// <param name="name">The move's name in routes, JSON and allowed moves ("rateRisk").</param>
/// <param name="roles">The roles that may make it.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class MoveAttribute(string name, params Role[] roles) : Attribute
{
    public string Name { get; } = name;

    public IReadOnlyList<Role> Roles { get; } = roles;

    /// <summary>The move creates the case (a registration): it is posted to the kind's collection, not to one case.</summary>
    public bool Creates { get; init; }

    /// <summary>The move has no required field: an empty body is the command with nothing set.</summary>
    public bool BodyOptional { get; init; }

    /// <summary>One line for the API reference.</summary>
    public string Summary { get; init; } = "";
}

/// <summary>What the engine knows of one move, read from its record and its <see cref="MoveAttribute"/>.</summary>
public sealed record MoveInfo(string Name, Type Type, IReadOnlyList<Role> Roles, bool Creates, bool BodyOptional, string Summary)
{
    public bool Allows(Role role) => Roles.Contains(role);
}

/// <summary>The moves of each kind of case, discovered from the records that derive from the kind's base command.</summary>
public static class Moves
{
    /// <summary>The JSON property that names the move wherever a kind's base command type is read or written.</summary>
    public const string Discriminator = "move";

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<MoveInfo>> ByKind = new();
    private static readonly ConcurrentDictionary<Type, MoveInfo> ByType = new();

    /// <summary>Every move of the kind whose base command is <typeparamref name="TCommand"/>, in declaration order.</summary>
    public static IReadOnlyList<MoveInfo> Of<TCommand>()
        where TCommand : CaseCommand => Of(typeof(TCommand));

    /// <summary>Every move of the kind whose base command is <paramref name="kind"/>.</summary>
    /// <exception cref="InvalidOperationException">A record of the kind has no <see cref="MoveAttribute"/>, or two share a name.</exception>
    public static IReadOnlyList<MoveInfo> Of(Type kind) => ByKind.GetOrAdd(kind, Discover);

    /// <summary>The move a command record is.</summary>
    public static MoveInfo Info(Type commandType) =>
        ByType.GetOrAdd(commandType, type =>
            KindOf(type) is { } kind && Of(kind).FirstOrDefault(m => m.Type == type) is { } info
                ? info
                : throw new InvalidOperationException($"{type.Name} is not a move of a kind of case"));

    /// <summary>The kind's base command: the ancestor that derives directly from <see cref="CaseCommand"/>.</summary>
    private static Type? KindOf(Type type)
    {
        for (var t = type; t?.BaseType is { } parent; t = parent)
        {
            if (parent == typeof(CaseCommand))
            {
                return t == type ? null : t;
            }
        }

        return null;
    }

    public static string NameOf(CaseCommand command) => Info(command.GetType()).Name;

    /// <summary>
    /// Makes each kind's base command polymorphic in JSON: <c>{"move": "rateRisk", ...}</c> reads as the move's record.
    /// Registered on every <see cref="JsonShape"/>, so adding a move needs no list of derived types anywhere.
    /// </summary>
    public static void AddPolymorphism(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object || info.Type.BaseType != typeof(CaseCommand))
        {
            return;
        }

        var options = new JsonPolymorphismOptions
        {
            TypeDiscriminatorPropertyName = Discriminator,
            UnknownDerivedTypeHandling = JsonUnknownDerivedTypeHandling.FailSerialization,
            IgnoreUnrecognizedTypeDiscriminators = false,
        };
        foreach (var move in Of(info.Type))
        {
            options.DerivedTypes.Add(new JsonDerivedType(move.Type, move.Name));
        }

        info.PolymorphismOptions = options;

        // Without a move name nothing can be made of the object: a clear JSON error, not "abstract types are not supported".
        var kind = info.Type.Name;
        info.CreateObject = () => throw new JsonException($"names no move: a {kind} says which move it is in \"{Discriminator}\"");
    }

    private static List<MoveInfo> Discover(Type kind)
    {
        if (!kind.IsAbstract || kind.BaseType != typeof(CaseCommand))
        {
            throw new InvalidOperationException($"{kind.Name} is not the base command of a kind of case");
        }

        var moves = new List<MoveInfo>();
        // Moves that share fields (the three answers of a petition) may derive from an abstract record of their kind.
        foreach (var type in kind.Assembly.GetTypes().Where(t => !t.IsAbstract && t.IsAssignableTo(kind)))
        {
            var move = type.GetCustomAttribute<MoveAttribute>()
                ?? throw new InvalidOperationException($"{type.Name} derives from {kind.Name} but has no [Move]: name the move and who may make it");

            if (moves.FirstOrDefault(m => m.Name == move.Name) is { } twin)
            {
                throw new InvalidOperationException($"{type.Name} and {twin.Type.Name} are both the move '{move.Name}'");
            }

            moves.Add(new MoveInfo(move.Name, type, move.Roles, move.Creates, move.BodyOptional, move.Summary));
        }

        return [.. moves.OrderBy(m => m.Type.MetadataToken)];
    }
}

/// <summary>A case whose moves are commands as data: one handler judges every move but the one that creates it.</summary>
/// <typeparam name="TCommand">The kind's base command.</typeparam>
public interface ICase<in TCommand> : ICase
    where TCommand : CaseCommand
{
    /// <summary>Judges <paramref name="command"/> at <paramref name="now"/>; an accepted move has changed the case, a refused one nothing.</summary>
    Decision Handle(TCommand command, Actor actor, DateTimeOffset now);
}

/// <summary>
/// One move being made, as a case's machine carries it to its guards and effects. The command is null only when the
/// machine is asked whether a move is possible at all, without a command to judge.
/// </summary>
public sealed record MoveStep<TCommand>(TCommand? Command, Actor Actor, DateTimeOffset Now)
    where TCommand : CaseCommand;

/// <summary>A case machine's triggers: one per move, named as the move, each carrying a <see cref="MoveStep{TCommand}"/>.</summary>
public static class MoveTriggers
{
    /// <summary>Declares a trigger on <paramref name="machine"/> for each of <paramref name="moves"/> and keeps it in <paramref name="triggers"/> by the move's name.</summary>
    public static void Declare<TStage, TCommand>(
        this IDictionary<string, StateMachine<TStage, string>.TriggerWithParameters<MoveStep<TCommand>>> triggers,
        StateMachine<TStage, string> machine,
        IEnumerable<MoveInfo> moves)
        where TCommand : CaseCommand
    {
        foreach (var move in moves)
        {
            triggers[move.Name] = machine.SetTriggerParameters<MoveStep<TCommand>>(move.Name);
        }
    }
}
