namespace Emergency.Storage;

/// <summary>How grain state writes reach the database (<c>Storage:Commit</c>).</summary>
public enum CommitMode
{
    /// <summary>
    /// Group commit (<c>group</c>, the default): writes from many grains queue up and are committed together in one
    /// transaction, each acknowledged only once that commit is durable. Same rows, same queries, same version checks
    /// as the ADO.NET provider.
    /// </summary>
    Group,

    /// <summary>The Orleans ADO.NET provider: one statement, and so one durable commit, per write (<c>perWrite</c>).</summary>
    PerWrite,
}
