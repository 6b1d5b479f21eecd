using System.Data.Common;

namespace Emergency.Storage.Migrations;

/// <summary>What differs between providers when migrating: opening, and taking the migration lock.</summary>
internal interface ISchemaDatabase
{
    /// <summary>DDL for the table that records applied scripts; must be idempotent.</summary>
    string CreateVersionTableSql { get; }

    Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Starts a transaction that no other migrator can hold at the same time, so two processes starting
    /// together apply each script exactly once.
    /// </summary>
    Task<DbTransaction> BeginExclusiveAsync(DbConnection connection, CancellationToken cancellationToken);
}
