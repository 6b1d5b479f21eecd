using System.Text.RegularExpressions;
using Emergency.Domain.Messages;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Emergency.Domain.Drills;

/// <summary>A node of a scenario file, with where it starts.</summary>
internal abstract record YamlNode(Position At);

internal sealed record YamlScalar(Position At, string Value, bool Plain) : YamlNode(At)
{
    /// <summary>A plain <c>null</c>, <c>~</c> or empty value: "not known".</summary>
    public bool IsNull => Plain && Value is "" or "~" or "null" or "Null" or "NULL";
}

internal sealed record YamlList(Position At, IReadOnlyList<YamlNode> Items) : YamlNode(At);

internal sealed record YamlMap(Position At, IReadOnlyList<(YamlScalar Key, YamlNode Value)> Entries) : YamlNode(At);

/// <summary>
/// Reads YAML into plain nodes, refusing what a scenario never needs and an attacker would use: anchors and
/// aliases (an alias bomb expands a few kilobytes into gigabytes), tags, several documents, nesting deeper
/// than <see cref="MaxDepth"/> and more than <see cref="MaxNodes"/> nodes. The parser itself works with an
/// explicit stack, so no input reaches a recursion.
/// </summary>
internal static partial class YamlTree
{
    public const int MaxDepth = 16;

    public const int MaxNodes = 500_000;

    public static YamlNode? Parse(string text, string file)
    {
        var scanner = new Scanner(new StringReader(text));
        var parser = new Parser(scanner);
        var stack = new Stack<Builder>();
        YamlNode? root = null;
        var nodes = 0;
        var documents = 0;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                var at = PositionOf(current.Start);
                switch (current)
                {
                    case DocumentStart:
                        if (++documents > 1)
                        {
                            throw Refuse(file, at, ScenarioTexts.OneDocument);
                        }

                        continue;
                    case AnchorAlias alias:
                        throw Refuse(file, at, ScenarioTexts.NoAliases.With(("alias", $"*{alias.Value}")));
                    case NodeEvent { Anchor.IsEmpty: false } anchored:
                        throw Refuse(file, at, ScenarioTexts.NoAnchors.With(("anchor", $"&{anchored.Anchor}")));
                    case NodeEvent { Tag.IsEmpty: false } tagged when !IsNonSpecific(tagged):
                        throw Refuse(file, at, ScenarioTexts.NoTags.With(("tag", tagged.Tag.ToString())));
                }

                if (current is NodeEvent && ++nodes > MaxNodes)
                {
                    throw Refuse(file, at, ScenarioTexts.TooManyValues.With(("max", MaxNodes)));
                }

                switch (current)
                {
                    case Scalar scalar:
                        Add(new YamlScalar(at, scalar.Value, scalar.Style == ScalarStyle.Plain));
                        break;
                    case SequenceStart:
                        Open(new Builder(at, IsMap: false));
                        break;
                    case MappingStart:
                        Open(new Builder(at, IsMap: true));
                        break;
                    case SequenceEnd or MappingEnd:
                        Add(stack.Pop().Build(file));
                        break;
                }
            }
        }
        catch (YamlException ex)
        {
            throw Refuse(file, PositionOf(ex.Start), ScenarioTexts.NotYaml.With(("detail", Clean(ex.Message))));
        }
        catch (ArgumentException)
        {
            // YamlDotNet turns an escape that names a lone surrogate ("\uDC00") into a character, which .NET refuses.
            throw Refuse(file, PositionOf(scanner.CurrentPosition), ScenarioTexts.LoneSurrogate);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up this way when the text ends inside a flow collection.
            var at = stack.Count > 0 ? stack.Peek().At : new Position(text.Count(c => c == '\n') + 1, 1);
            throw Refuse(file, at, ScenarioTexts.NeverClosed);
        }

        return root;

        void Open(Builder builder)
        {
            if (stack.Count >= MaxDepth)
            {
                throw Refuse(file, builder.At, ScenarioTexts.TooDeep.With(("max", MaxDepth)));
            }

            stack.Push(builder);
        }

        void Add(YamlNode node)
        {
            if (stack.Count == 0)
            {
                root = node;
            }
            else
            {
                stack.Peek().Add(node);
            }
        }
    }

    public static ScenarioException Refuse(string file, Position at, Message reason) => new(new ScenarioError(file, at.Line, at.Column, reason));

    private static Position PositionOf(Mark mark) => new((int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column));

    /// <summary>A quoted scalar carries the non-specific tag "!" only in the parser's eyes; nobody wrote it.</summary>
    private static bool IsNonSpecific(NodeEvent node) => node.Tag.Value is "!" or "?";

    private static string Clean(string message) => ParserPosition().Replace(message, "");

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex ParserPosition();

    private sealed record Builder(Position At, bool IsMap)
    {
        private readonly List<YamlNode> _items = [];

        public void Add(YamlNode node) => _items.Add(node);

        public YamlNode Build(string file)
        {
            if (!IsMap)
            {
                return new YamlList(At, _items);
            }

            var entries = new List<(YamlScalar, YamlNode)>(_items.Count / 2);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i + 1 < _items.Count; i += 2)
            {
                if (_items[i] is not YamlScalar key)
                {
                    throw Refuse(file, _items[i].At, ScenarioTexts.KeyNotPlain);
                }

                if (!seen.Add(key.Value))
                {
                    throw Refuse(file, key.At, ScenarioTexts.KeyTwice.With(("key", key.Value)));
                }

                entries.Add((key, _items[i + 1]));
            }

            return new YamlMap(At, entries);
        }
    }
}
