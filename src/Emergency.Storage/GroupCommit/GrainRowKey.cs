namespace Emergency.Storage.GroupCommit;

/// <summary>
/// A grain's row key as the Orleans ADO.NET provider decodes it (ADONET-CONTRACT.md §4): a Guid key gives N0/N1 from its
/// bytes, an integer key gives N1, anything else is a string key carried whole in the extension. Both providers
/// must agree exactly, or switching the commit mode would orphan every stored row.
/// </summary>
internal readonly record struct GrainRowKey(string StateName, long N0, long N1, string? Extension)
{
    public static GrainRowKey Of(string stateName, GrainId grainId)
    {
        // The ADO.NET provider rewrites generic type names ("Name`1[[...]]"); this project's state names are plain words.
        if (stateName.Contains('`', StringComparison.Ordinal))
        {
            throw new NotSupportedException($"state name '{stateName}' looks like a generic type name; group commit stores plain state names only");
        }

        if (grainId.TryGetGuidKey(out var guid, out var extension))
        {
            var bytes = guid.ToByteArray();
            return new GrainRowKey(stateName, BitConverter.ToInt64(bytes, 0), BitConverter.ToInt64(bytes, 8), extension);
        }

        if (grainId.TryGetIntegerKey(out var integer, out extension))
        {
            return new GrainRowKey(stateName, 0, integer, extension);
        }

        return new GrainRowKey(stateName, 0, 0, grainId.Key.ToString());
    }
}
