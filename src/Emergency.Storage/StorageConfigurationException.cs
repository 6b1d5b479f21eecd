namespace Emergency.Storage;

/// <summary>The storage configuration is missing or invalid; <see cref="Key"/> names the setting to fix.</summary>
public sealed class StorageConfigurationException : Exception
{
    public StorageConfigurationException(string key, string message)
        : base($"{key}: {message}")
    {
        Key = key;
    }

    public StorageConfigurationException(string key, string message, Exception innerException)
        : base($"{key}: {message}", innerException)
    {
        Key = key;
    }

    /// <summary>The configuration key at fault, e.g. <c>Storage:ConnectionString</c>.</summary>
    public string Key { get; }

    internal static StorageConfigurationException UnknownProvider(string? value) =>
        new(StorageOptions.ProviderKey,
            $"unknown storage provider '{value}'. Expected one of: {string.Join(", ", Enum.GetNames<StorageProvider>())}.");
}
