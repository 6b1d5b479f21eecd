namespace Emergency.Storage.Users;

/// <summary>Passwords changed by their user or reset by an administrator.</summary>
public sealed partial class UserStore
{
    /// <summary>
    /// Stores a new password hash and ends every session already open (the stamp grows); a lockout is lifted, as
    /// the person now holds a password they just chose or were given. Null when there is no such user.
    /// </summary>
    public async Task<StoredUser?> SetPasswordAsync(string name, string passwordHash, CancellationToken ct)
    {
        var changed = await QueryAsync(
            $"UPDATE EngineUser SET PasswordHash = @hash, Stamp = Stamp + 1, FailedAttempts = 0, LockedUntilMs = NULL WHERE Name = @name RETURNING {Columns}",
            ct, ("name", name), ("hash", passwordHash));
        return changed.Count == 0 ? null : changed[0];
    }
}
