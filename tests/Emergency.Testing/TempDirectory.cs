namespace Emergency.Testing;

/// <summary>A fresh folder for one test's files (SQLite databases, screenshots), removed afterwards.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory(string purpose) =>
        Path = Directory.CreateTempSubdirectory($"emergency-{purpose}-").FullName;

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A process killed in a test may still hold a file for a moment; the OS cleans temp later.
        }
    }
}
