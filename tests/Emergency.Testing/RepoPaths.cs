namespace Emergency.Testing;

public static class RepoPaths
{
    /// <summary>The repository root: the nearest folder above the test binaries holding Emergency.sln.</summary>
    public static string Root { get; } = FindRoot();

    public static string Config => Path.Combine(Root, "config");

    public static string IncidentRules => Path.Combine(Config, "rules", "incidents");

    /// <summary>The drill scenarios and their JSON Schema.</summary>
    public static string Scenarios => Path.Combine(Root, "scenarios");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Emergency.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Emergency.sln above {AppContext.BaseDirectory}");
    }
}
