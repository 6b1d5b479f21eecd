namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>The query keys the Orleans 10.4.2 ADO.NET providers load (ADONET-CONTRACT.md).</summary>
internal static class QueryKeys
{
    public static readonly string[] Persistence =
        ["ReadFromStorageKey", "WriteToStorageKey", "ClearStorageKey", "DeleteStorageKey"];

    public static readonly string[] Reminders =
    [
        "ReadReminderRowsKey", "ReadReminderRowKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "UpsertReminderRowKey", "DeleteReminderRowKey", "DeleteReminderRowsKey",
    ];

    public static readonly string[] Clustering =
    [
        "GatewaysQueryKey", "MembershipReadRowKey", "MembershipReadAllKey", "InsertMembershipVersionKey",
        "UpdateIAmAlivetimeKey", "InsertMembershipKey", "UpdateMembershipKey", "DeleteMembershipTableEntriesKey",
        "CleanupDefunctSiloEntriesKey", "CleanupDefunctSiloEntryKey",
    ];

    public static string[] For(StorageProvider provider) => provider == StorageProvider.PostgreSql
        ? [.. Persistence, .. Reminders, .. Clustering]
        : [.. Persistence, .. Reminders];
}
