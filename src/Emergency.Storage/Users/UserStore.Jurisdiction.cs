namespace Emergency.Storage.Users;

/// <summary>A person moved to another jurisdiction by an administrator, without being disabled.</summary>
public sealed partial class UserStore
{
    /// <summary>
    /// Stores the region code the user now acts within (null: the whole deployment) and ends every session already
    /// open (the stamp grows), so no session goes on acting on the jurisdiction it began with. Null when there is no such user.
    /// </summary>
    public async Task<StoredUser?> SetJurisdictionAsync(string name, string? jurisdiction, CancellationToken ct)
    {
        var changed = await QueryAsync(
            $"UPDATE EngineUser SET Jurisdiction = @jurisdiction, Stamp = Stamp + 1 WHERE Name = @name RETURNING {Columns}",
            ct, ("name", name), ("jurisdiction", jurisdiction));
        return changed.Count == 0 ? null : changed[0];
    }
}
