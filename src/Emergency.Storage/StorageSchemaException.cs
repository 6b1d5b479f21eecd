namespace Emergency.Storage;

/// <summary>
/// The database cannot be used safely by this build: its schema was migrated by a newer release, or SQLite
/// would not make commits durable. Thrown before the silo starts, so old code never writes into a schema it
/// does not understand.
/// </summary>
public sealed class StorageSchemaException : Exception
{
    public StorageSchemaException(string message)
        : base(message)
    {
    }

    public StorageSchemaException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
