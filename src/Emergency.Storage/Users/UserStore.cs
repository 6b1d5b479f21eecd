namespace Emergency.Storage.Users;

/// <summary>
/// One person who signs in, as stored. <see cref="Role"/> is the name of the role; <see cref="LockedUntil"/> says until
/// when sign-in is refused after too many failed attempts (null: not locked); <see cref="Stamp"/> grows with every
/// change that ends the sessions already open (disabling, enabling).
/// </summary>
public sealed record StoredUser(
    string Name,
    string Role,
    string PasswordHash,
    bool Disabled,
    int FailedAttempts,
    DateTimeOffset? LockedUntil,
    long Stamp,
    DateTimeOffset Created,
    string CreatedBy)
{
    /// <summary>The region code the user acts within (docs/jurisdictions.md); null for the whole deployment, as every user stored before it.</summary>
    public string? Jurisdiction { get; init; }
}

/// <summary>
/// The people who sign in, in the engine's own database (table <c>EngineUser</c>, schema version 2). Every call opens
/// a pooled connection of its own and runs one statement, so a change is atomic without a transaction.
/// </summary>
public sealed partial class UserStore(StorageOptions options)
{
    private const string Columns = "Name, Role, PasswordHash, Disabled, FailedAttempts, LockedUntilMs, Stamp, CreatedMs, CreatedBy, Jurisdiction";

    public async Task<StoredUser?> FindAsync(string name, CancellationToken ct)
    {
        var users = await QueryAsync($"SELECT {Columns} FROM EngineUser WHERE Name = @name", ct, ("name", name));
        return users.Count == 0 ? null : users[0];
    }

    public Task<IReadOnlyList<StoredUser>> ListAsync(CancellationToken ct) =>
        QueryAsync($"SELECT {Columns} FROM EngineUser ORDER BY Name", ct);

    /// <summary>Adds <paramref name="user"/>; false when a user of that name exists already.</summary>
    public async Task<bool> AddAsync(StoredUser user, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(user);
        var added = await QueryAsync(
            $"INSERT INTO EngineUser ({Columns}) VALUES (@name, @role, @hash, @disabled, 0, NULL, 1, @created, @createdBy, @jurisdiction) ON CONFLICT (Name) DO NOTHING RETURNING {Columns}",
            ct,
            ("name", user.Name), ("role", user.Role), ("hash", user.PasswordHash), ("disabled", user.Disabled ? 1 : 0),
            ("created", user.Created.ToUnixTimeMilliseconds()), ("createdBy", user.CreatedBy), ("jurisdiction", user.Jurisdiction));
        return added.Count == 1;
    }

    /// <summary>Disables or enables a user and ends the sessions already open; null when there is no such user.</summary>
    public async Task<StoredUser?> SetDisabledAsync(string name, bool disabled, CancellationToken ct)
    {
        var changed = await QueryAsync(
            $"UPDATE EngineUser SET Disabled = @disabled, Stamp = Stamp + 1, FailedAttempts = 0, LockedUntilMs = NULL WHERE Name = @name RETURNING {Columns}",
            ct, ("name", name), ("disabled", disabled ? 1 : 0));
        return changed.Count == 0 ? null : changed[0];
    }

    /// <summary>
    /// Counts one failed attempt; the <paramref name="limit"/>-th in a row locks the user until <paramref name="lockUntil"/>
    /// and starts the count again. Returns the user as it now is, null when there is no such user.
    /// </summary>
    public async Task<StoredUser?> RecordFailureAsync(string name, int limit, DateTimeOffset lockUntil, CancellationToken ct)
    {
        var changed = await QueryAsync(
            "UPDATE EngineUser SET " +
            "LockedUntilMs = CASE WHEN FailedAttempts + 1 >= @limit THEN @until ELSE LockedUntilMs END, " +
            "FailedAttempts = CASE WHEN FailedAttempts + 1 >= @limit THEN 0 ELSE FailedAttempts + 1 END " +
            $"WHERE Name = @name RETURNING {Columns}",
            ct, ("name", name), ("limit", limit), ("until", lockUntil.ToUnixTimeMilliseconds()));
        return changed.Count == 0 ? null : changed[0];
    }

    /// <summary>A successful sign-in: the count of failed attempts starts again (no write when it is at zero already).</summary>
    public Task ResetFailuresAsync(string name, CancellationToken ct) =>
        ExecuteAsync("UPDATE EngineUser SET FailedAttempts = 0, LockedUntilMs = NULL WHERE Name = @name AND (FailedAttempts <> 0 OR LockedUntilMs IS NOT NULL)", ct, ("name", name));

    private async Task<IReadOnlyList<StoredUser>> QueryAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await StoreConnections.OpenAsync(options, ct);
        await using var command = StoreConnections.Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var users = new List<StoredUser>();
        while (await reader.ReadAsync(ct))
        {
            users.Add(new StoredUser(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                Convert.ToInt64(reader.GetValue(3), System.Globalization.CultureInfo.InvariantCulture) != 0,
                Convert.ToInt32(reader.GetValue(4), System.Globalization.CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(5), System.Globalization.CultureInfo.InvariantCulture)),
                Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
                DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(reader.GetValue(7), System.Globalization.CultureInfo.InvariantCulture)),
                reader.GetString(8))
            {
                Jurisdiction = reader.IsDBNull(9) ? null : reader.GetString(9),
            });
        }

        return users;
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var connection = await StoreConnections.OpenAsync(options, ct);
        await using var command = StoreConnections.Command(connection, sql, parameters);
        await command.ExecuteNonQueryAsync(ct);
    }
}
