namespace Emergency.Board.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium, found as <c>command -v chromium</c> finds it. Playwright is never allowed to download a
/// browser of its own. Without Chromium the board tests fail under CI=true and are skipped elsewhere.
/// </summary>
public static class Chromium
{
    /// <summary>The switches that let Debian's Chromium run headless in a container, quietly and offline.</summary>
    public static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    public static string? Executable { get; } = Find();

    public static bool OnCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Fails (CI) or skips the test (elsewhere) when there is no Chromium.</summary>
    public static string Require()
    {
        if (Executable is not null)
        {
            return Executable;
        }

        const string missing = "Chromium is not installed (apt-get install -y chromium): the board tests need Debian's chromium on PATH";
        if (OnCi)
        {
            Assert.Fail(missing);
        }

        Assert.Skip(missing);
        return null!;
    }

    private static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, "chromium"))
            .FirstOrDefault(File.Exists);
}
