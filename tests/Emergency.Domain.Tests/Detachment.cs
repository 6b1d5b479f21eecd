using System.Collections;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Emergency.Domain.Tests;

/// <summary>
/// Checks that what a case hands out (a view, a summary, a decision) is a detached snapshot: no object reachable from
/// it is also reachable from the case's state (the same reference) and mutable. The grains pass views and summaries by
/// reference ([Immutable]), so a shared mutable object would change under a caller that is still reading it.
/// </summary>
/// <remarks>
/// <para>
/// Walks public instance properties and fields, and the elements of collections, recursively. Strings, primitives,
/// enums, DateTimeOffset, TimeSpan, decimal, Guid and other value types are leaves (except a KeyValuePair or an
/// enumerable struct, whose contents are walked). An object whose type can hold nothing mutable (its public properties
/// all init-only or get-only, of leaf types or of sealed types of the same kind) may be shared: a deeply immutable
/// record costs nothing to share.
/// </para>
/// <para>
/// Mutable is judged on the runtime object, not the declared type, so a List behind an IReadOnlyList is mutable: every
/// collection is, except those of System.Collections.Immutable and System.Collections.Frozen and empty arrays. A
/// read-only wrapper (a ReadOnlyCollection, the read-only list a collection expression makes) is fine made fresh, not
/// shared: a wrapper changes with what it wraps (checked in its place), and what a collection expression made in
/// memory is a List once the state is read back from storage. Any other object is mutable when a public property has
/// a setter that is not init-only or a public field is not read-only.
/// </para>
/// </remarks>
public static class Detachment
{
    private const int MaxDepth = 64;

    private static readonly ConcurrentDictionary<Type, Shape> Shapes = new();

    private static readonly HashSet<Type> LeafTypes =
    [
        typeof(string), typeof(decimal), typeof(DateTime), typeof(DateTimeOffset), typeof(TimeSpan), typeof(Guid),
        typeof(DateOnly), typeof(TimeOnly), typeof(Uri),

        // A message and its arguments are built once and never changed: a timeline line may share them.
        typeof(Messages.Message), typeof(Messages.Arg),
    ];

    /// <summary>Fails, naming every shared mutable object by its path, unless each handed-out value is detached from <paramref name="state"/>.</summary>
    public static void Check(object state, params (string Name, object? Value)[] handedOut) => Check("state", state, handedOut);

    /// <summary>The same, for a state named <paramref name="stateName"/> in the message.</summary>
    public static void Check(string stateName, object state, params (string Name, object? Value)[] handedOut)
    {
        var found = Find(stateName, state, handedOut);
        if (found.Count > 0)
        {
            Assert.Fail($"shares mutable objects with the {stateName}:\n  {string.Join("\n  ", found)}");
        }
    }

    /// <summary>Every object reachable from a handed-out value that is also reachable from <paramref name="state"/> and mutable, by path.</summary>
    public static IReadOnlyList<string> Find(object state, params (string Name, object? Value)[] handedOut) => Find("state", state, handedOut);

    private static List<string> Find(string stateName, object state, (string Name, object? Value)[] handedOut)
    {
        var inState = new Dictionary<object, string>(ReferenceEqualityComparer.Instance);
        Walk(state, stateName, new HashSet<object>(ReferenceEqualityComparer.Instance), 0, (value, path) =>
        {
            if (MayChange(value))
            {
                inState.TryAdd(value, path);
            }

            return true;
        });

        var found = new List<string>();
        foreach (var (name, value) in handedOut)
        {
            Walk(value, name, new HashSet<object>(ReferenceEqualityComparer.Instance), 0, (node, path) =>
            {
                if (!inState.TryGetValue(node, out var statePath))
                {
                    return true;
                }

                // Everything inside is shared too: name the outermost object only.
                found.Add($"{path} ({NameOf(node.GetType())}) is {statePath}");
                return false;
            });
        }

        return found;
    }

    /// <summary>Whether the object itself (not what it holds) may change, or be a List after a reload, when the state holds it.</summary>
    private static bool MayChange(object value)
    {
        if (value is Array array)
        {
            return array.Length > 0;
        }

        var shape = ShapeOf(value.GetType());
        return shape.Kind switch
        {
            Kind.Collection or Kind.ReadOnlyCollection => true,
            Kind.Object => shape.HasSetters,
            _ => false,
        };
    }

    /// <summary>Visits <paramref name="value"/> and what it holds; <paramref name="visit"/> returns false to skip what a node holds.</summary>
    private static void Walk(object? value, string path, HashSet<object> seen, int depth, Func<object, string, bool> visit)
    {
        if (value is null || depth > MaxDepth)
        {
            return;
        }

        var shape = ShapeOf(value.GetType());
        if (shape.Kind == Kind.Leaf || shape.Inert || (!value.GetType().IsValueType && !seen.Add(value)))
        {
            return;
        }

        if (!value.GetType().IsValueType && !visit(value, path))
        {
            return;
        }

        if (shape.Wrapped is { } wrapped)
        {
            Walk(wrapped.GetValue(value), $"{path}(wrapped)", seen, depth + 1, visit);
        }

        if (shape.Kind is Kind.Collection or Kind.ReadOnlyCollection or Kind.ImmutableCollection)
        {
            if (shape.ElementsInert)
            {
                return;
            }

            var index = 0;
            foreach (var item in (IEnumerable)value)
            {
                Walk(item, $"{path}[{index++}]", seen, depth + 1, visit);
            }

            return;
        }

        foreach (var member in shape.Members)
        {
            object? child;
            try
            {
                child = member.Get(value);
            }
            catch (TargetInvocationException)
            {
                continue;
            }

            Walk(child, $"{path}.{member.Name}", seen, depth + 1, visit);
        }
    }

    private static Shape ShapeOf(Type type) => Shapes.GetOrAdd(type, Describe);

    private static Shape Describe(Type type)
    {
        if (IsLeaf(type))
        {
            return new Shape(Kind.Leaf, HasSetters: false, Inert: true, ElementsInert: true, Wrapped: null, []);
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            var members = MembersOf(type);
            var hasSetters = HasSetters(type);
            var inert = !hasSetters && members.All(m => IsInertDeclared(m.Type, [type]));
            return new Shape(Kind.Object, hasSetters, inert, ElementsInert: true, Wrapped: null, members);
        }

        var elementsInert = ElementType(type) is { } element && IsInertDeclared(element, [type]);
        var wrapped = WrappedCollection(type);
        var kind = type.IsArray ? Kind.Collection
            : IsImmutableCollectionType(type) ? Kind.ImmutableCollection
            : wrapped is not null || IsMadeByCollectionExpression(type) ? Kind.ReadOnlyCollection
            : Kind.Collection;
        return new Shape(kind, HasSetters: false, Inert: false, elementsInert, wrapped, []);
    }

    /// <summary>Strings, primitives, enums and value types other than pairs and enumerable structs.</summary>
    private static bool IsLeaf(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || LeafTypes.Contains(type) || typeof(Type).IsAssignableFrom(type))
        {
            return true;
        }

        if (!type.IsValueType)
        {
            return false;
        }

        return !(type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>)) && !typeof(IEnumerable).IsAssignableFrom(type);
    }

    /// <summary>
    /// Whether a value of the declared type can hold nothing mutable, whatever its runtime type: a leaf, or a sealed
    /// type (or struct) without setters whose members are all of such types. Collections are never inert.
    /// </summary>
    private static bool IsInertDeclared(Type declared, Type[] within)
    {
        var type = Nullable.GetUnderlyingType(declared) ?? declared;
        if (IsLeaf(type))
        {
            return true;
        }

        if (!(type.IsSealed || type.IsValueType) || type.IsArray || typeof(IEnumerable).IsAssignableFrom(type) || within.Contains(type))
        {
            return false;
        }

        return !HasSetters(type) && MembersOf(type).All(m => IsInertDeclared(m.Type, [.. within, type]));
    }

    private static bool IsImmutableCollectionType(Type type) =>
        type.Namespace is "System.Collections.Immutable" or "System.Collections.Frozen";

    /// <summary>What a collection expression makes for an IReadOnlyList and the like: read-only over a fresh copy.</summary>
    private static bool IsMadeByCollectionExpression(Type type) =>
        type.Name.StartsWith("<>z__ReadOnly", StringComparison.Ordinal) && type.IsDefined(typeof(CompilerGeneratedAttribute), inherit: false);

    /// <summary>For a read-only wrapper (ReadOnlyCollection, ReadOnlyDictionary...): the property that gives the collection it wraps.</summary>
    private static PropertyInfo? WrappedCollection(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType)
        {
            if (!t.IsGenericType)
            {
                continue;
            }

            var definition = t.GetGenericTypeDefinition();
            var name = definition == typeof(ReadOnlyCollection<>) ? "Items"
                : definition == typeof(ReadOnlyDictionary<,>) ? "Dictionary"
                : definition == typeof(ReadOnlySet<>) ? "Set"
                : null;
            if (name is not null)
            {
                return t.GetProperty(name, BindingFlags.Instance | BindingFlags.NonPublic);
            }
        }

        return null;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static Member[] MembersOf(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Instance | BindingFlags.Public)
            .Where(p => p.GetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0)
            .Select(p => new Member(p.Name, p.PropertyType, p.GetValue));
        var fields = type.GetFields(BindingFlags.Instance | BindingFlags.Public).Select(f => new Member(f.Name, f.FieldType, f.GetValue));
        return [.. properties, .. fields];
    }

    /// <summary>A public property with a setter that is not init-only, or a public field that is not read-only.</summary>
    private static bool HasSetters(Type type) =>
        type.GetProperties(BindingFlags.Instance | BindingFlags.Public).Any(p => p.SetMethod is { IsPublic: true } set && !IsInitOnly(set))
        || type.GetFields(BindingFlags.Instance | BindingFlags.Public).Any(f => !f.IsInitOnly);

    private static bool IsInitOnly(MethodInfo setter) =>
        setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(IsExternalInit));

    private static string NameOf(Type type) =>
        !type.IsGenericType ? type.Name : $"{type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)]}<{string.Join(", ", type.GetGenericArguments().Select(NameOf))}>";

    private enum Kind
    {
        Leaf,
        Object,
        Collection,

        /// <summary>Cannot be changed through itself, but is no snapshot when shared; its elements (or what it wraps) are walked.</summary>
        ReadOnlyCollection,

        /// <summary>Cannot be changed; its elements are walked.</summary>
        ImmutableCollection,
    }

    private sealed record Member(string Name, Type Type, Func<object, object?> Get);

    /// <summary>What the walk needs to know of a type, worked out once.</summary>
    /// <param name="Kind">How the type is walked.</param>
    /// <param name="HasSetters">An object that can be changed through a setter or a field.</param>
    /// <param name="Inert">Can hold nothing mutable at all: not walked.</param>
    /// <param name="ElementsInert">A collection whose declared element type is inert: its elements are not walked.</param>
    /// <param name="Wrapped">For a read-only wrapper: the collection it wraps.</param>
    /// <param name="Members">The public properties and fields that are walked.</param>
    private sealed record Shape(Kind Kind, bool HasSetters, bool Inert, bool ElementsInert, PropertyInfo? Wrapped, Member[] Members);
}
