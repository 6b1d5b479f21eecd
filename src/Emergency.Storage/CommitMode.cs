namespace Emergency.Storage;

/// <summary>How grain state writes reach the database (<c>Storage:Commit</c>).</summary>
public enum CommitMode
{
    /// <summary>The Orleans ADO.NET provider: one statement, and so one durable commit, per write (<c>default</c>).</summary>
    PerWrite,

    /// <summary>
    /// Group commit (<c>group</c>): writes from many grains queue up and are committed together in one transaction,
    /// each acknowledged only once that commit is durable. Same rows, same queries, same version checks.
    /// </summary>
    Group,
}
