using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Emergency.Domain.Messages;

/// <summary>
/// A message as stored and sent between grains: <c>{"code": "...", "args": {"name": {...}}}</c>. A bare string is
/// read as a literal, so state written before texts had codes still loads.
/// </summary>
public sealed class MessageJsonConverter : JsonConverter<Message>
{
    public static MessageJsonConverter Instance { get; } = new();

    public override Message? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.Null:
                return null;
            case JsonTokenType.String:
                return Message.Literal(reader.GetString()!);
            case JsonTokenType.StartObject:
                break;
            default:
                throw new JsonException("a message is an object with a code and its arguments");
        }

        string? code = null;
        var args = ImmutableArray.CreateBuilder<KeyValuePair<string, Arg>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var property = reader.GetString();
            reader.Read();
            switch (property)
            {
                case "code":
                    code = reader.GetString();
                    break;
                case "args" when reader.TokenType == JsonTokenType.StartObject:
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        var name = reader.GetString()!;
                        reader.Read();
                        args.Add(new(name, ArgJsonConverter.Instance.Read(ref reader, typeof(Arg), options) ?? throw new JsonException($"argument {name} is null")));
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return new Message(code ?? throw new JsonException("a message has a code"), args.ToImmutable());
    }

    /// <summary>
    /// Writes the message; from its third write under the same options on, as the JSON its earlier writes wrote, kept
    /// with the message (a message never changes once made). A case in active work writes the same deadline bases,
    /// obligation titles and alerts with every write of its state and of its index summary; a case written once or
    /// twice (a registration, whose case then leaves memory) keeps no more than a mark. Only through a writer that
    /// neither indents nor has an encoder of its own: raw JSON is copied as it is.
    /// </summary>
    public override void Write(Utf8JsonWriter writer, Message value, JsonSerializerOptions options)
    {
        var writerOptions = writer.Options;
        if (writerOptions.Indented || writerOptions.Encoder is not null)
        {
            WriteObject(writer, value, options);
            return;
        }

        var kept = value.Json;
        if (kept is MessageJson[] entries)
        {
            foreach (var entry in entries)
            {
                if (!ReferenceEquals(entry.Options, options))
                {
                    continue;
                }

                if (entry.Utf8 is { } utf8)
                {
                    writer.WriteRawValue(utf8, skipInputValidation: true);
                }
                else if (entry.CountWrite() >= MessageJson.KeptFromWrite && MessageJson.Render(value, options, writerOptions) is { } rendered)
                {
                    entry.Keep(rendered);
                    writer.WriteRawValue(rendered, skipInputValidation: true);
                }
                else
                {
                    WriteObject(writer, value, options);
                }

                return;
            }
        }

        WriteObject(writer, value, options);
        value.Json = MessageJson.Written(kept, options);
    }

    /// <summary>The message as an object, every argument written through its converter.</summary>
    internal static void WriteObject(Utf8JsonWriter writer, Message value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        WriteCodeAndArgs(writer, value, options);
        writer.WriteEndObject();
    }

    /// <summary>The code and arguments, for an edge that writes more beside them (the rendered text).</summary>
    public static void WriteCodeAndArgs(Utf8JsonWriter writer, Message value, JsonSerializerOptions options)
    {
        writer.WriteString("code", value.Code);
        writer.WriteStartObject("args");
        foreach (var (name, arg) in value.Args)
        {
            writer.WritePropertyName(name);
            ArgJsonConverter.Instance.Write(writer, arg, options);
        }

        writer.WriteEndObject();
    }
}

/// <summary>
/// A message's JSON under one serializer's options (<see cref="MessageJsonConverter.Write"/>): how often it was
/// written under them, and the JSON once kept. What a message keeps (<see cref="Message.Json"/>) is null before its
/// first write, the options alone after a first write (nothing allocated: a timeline line is written once), and then
/// one entry per options it was written under, at most <see cref="Kept"/> (a case writes its state and its summary
/// under different options).
/// </summary>
internal sealed class MessageJson(JsonSerializerOptions options, int writes)
{
    /// <summary>The write from which a message's JSON is kept under the same options.</summary>
    public const int KeptFromWrite = 3;

    /// <summary>How many options a message keeps its JSON for.</summary>
    private const int Kept = 4;

    /// <summary>The buffer and writer a thread renders a message's JSON with, while it is not rendering one already.</summary>
    [ThreadStatic]
    private static Renderer? t_renderer;

    /// <summary>How many times the message was written under <see cref="Options"/> (counted loosely across threads).</summary>
    private int _writes = writes;

    private byte[]? _utf8;

    public JsonSerializerOptions Options { get; } = options;

    /// <summary>The message as JSON under <see cref="Options"/>, once kept.</summary>
    public byte[]? Utf8 => Volatile.Read(ref _utf8);

    private int Writes => _writes;

    /// <summary>Counts a write that found no JSON kept; returns how many there were.</summary>
    public int CountWrite() => ++_writes;

    /// <summary>Keeps the JSON rendered (by any thread: each renders the same).</summary>
    public void Keep(byte[] utf8) => Volatile.Write(ref _utf8, utf8);

    /// <summary>What a message keeps after a write under <paramref name="options"/> that found no entry for them in <paramref name="kept"/>.</summary>
    public static object Written(object? kept, JsonSerializerOptions options) => kept switch
    {
        null => options,
        JsonSerializerOptions once when ReferenceEquals(once, options) => new[] { new MessageJson(options, 2) },
        JsonSerializerOptions other => new[] { new MessageJson(other, 1), new MessageJson(options, 1) },
        MessageJson[] entries => With(entries, new MessageJson(options, 1)),
        _ => options,
    };

    /// <summary>
    /// The message as its own JSON document, written as <paramref name="writerOptions"/> would write it in place; null
    /// while this thread renders another (a message inside the one being rendered is written in it as it comes).
    /// </summary>
    public static byte[]? Render(Message value, JsonSerializerOptions options, JsonWriterOptions writerOptions)
    {
        var renderer = t_renderer ??= new Renderer();
        if (renderer.Busy)
        {
            return null;
        }

        renderer.Busy = true;
        try
        {
            var writer = renderer.WriterFor(writerOptions with { SkipValidation = false });
            MessageJsonConverter.WriteObject(writer, value, options);
            writer.Flush();
            return renderer.Buffer.WrittenSpan.ToArray();
        }
        finally
        {
            renderer.Buffer.ResetWrittenCount();
            renderer.Busy = false;
            if (renderer.Buffer.Capacity > Renderer.LargestKept)
            {
                t_renderer = null;
                renderer.Dispose();
            }
        }
    }

    /// <summary>The entries with one more; over the bound, in place of the entry least written that keeps no JSON.</summary>
    private static MessageJson[] With(MessageJson[] entries, MessageJson entry)
    {
        if (entries.Length < Kept)
        {
            return [.. entries, entry];
        }

        var replaced = entries.Length - 1;
        for (var i = 0; i < entries.Length; i++)
        {
            if (entries[i].Utf8 is null && (entries[replaced].Utf8 is not null || entries[i].Writes < entries[replaced].Writes))
            {
                replaced = i;
            }
        }

        var copy = (MessageJson[])entries.Clone();
        copy[replaced] = entry;
        return copy;
    }

    private sealed class Renderer : IDisposable
    {
        /// <summary>A thread lets go of a buffer grown past this by a long message.</summary>
        public const int LargestKept = 64 * 1024;

        private Utf8JsonWriter? _writer;

        public ArrayBufferWriter<byte> Buffer { get; } = new(1024);

        public bool Busy { get; set; }

        public Utf8JsonWriter WriterFor(JsonWriterOptions options)
        {
            if (_writer is not { Options: var made } || made.Encoder != options.Encoder || made.Indented != options.Indented
                || made.MaxDepth != options.MaxDepth || made.SkipValidation != options.SkipValidation)
            {
                _writer = new Utf8JsonWriter(Buffer, options);
            }
            else
            {
                _writer.Reset(Buffer);
            }

            return _writer;
        }

        public void Dispose() => _writer?.Dispose();
    }
}
