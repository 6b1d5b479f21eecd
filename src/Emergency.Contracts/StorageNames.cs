namespace Emergency.Contracts;

/// <summary>Names the grains and the storage wiring agree on.</summary>
public static class StorageNames
{
    /// <summary>The grain storage provider every grain of the engine uses.</summary>
    public const string Provider = "emergency";
}
