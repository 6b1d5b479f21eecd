namespace Emergency.Storage;

/// <summary>The relational databases the engine can keep its state in.</summary>
public enum StorageProvider
{
    /// <summary>A single SQLite file: the embedded default for one node.</summary>
    Sqlite,

    /// <summary>PostgreSQL: required when several silos form a cluster.</summary>
    PostgreSql,
}
