namespace Emergency.Storage.Tests.Grains;

[GenerateSerializer]
public enum ProbeLevel
{
    Low,
    High,
}

/// <summary>The stored state: deliberately a plain class, serialized by the storage's JSON serializer only.</summary>
public sealed class ProbeState
{
    public string Text { get; set; } = "";

    public ProbeLevel Level { get; set; }

    public int Writes { get; set; }
}

[GenerateSerializer]
public sealed record ProbeSnapshot(
    [property: Id(0)] string Text,
    [property: Id(1)] ProbeLevel Level,
    [property: Id(2)] int Writes,
    [property: Id(3)] bool RecordExists,
    [property: Id(4)] string? ETag);
