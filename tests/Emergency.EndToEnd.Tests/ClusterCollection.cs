namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The multi-node tests (three engine processes each, timings measured) run one after another, not side by side
/// on the same cores: their figures would otherwise measure each other.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection
{
    public const string Name = "cluster";
}
