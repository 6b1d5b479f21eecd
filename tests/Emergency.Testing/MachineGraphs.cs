using Xunit;

namespace Emergency.Testing;

/// <summary>
/// Keeps the pictures of the procedures in <c>docs/machines/</c> the machines themselves: each page holds the graph
/// Stateless exports for one kind of case, and a test compares it with the machine as built now.
/// </summary>
public static class MachineGraphs
{
    /// <summary>Set to 1 to write the pages afresh instead of comparing them.</summary>
    public const string WriteVariable = "EMERGENCY_WRITE_MACHINE_GRAPHS";

    public static string Folder => Path.Combine(RepoPaths.Root, "docs", "machines");

    /// <summary>
    /// Asserts <c>docs/machines/{name}.md</c> shows <paramref name="mermaid"/> (Stateless's MermaidGraph of the machine)
    /// under <paramref name="title"/>, or writes it when <see cref="WriteVariable"/> is 1.
    /// </summary>
    public static void AssertCurrent(string name, string title, string mermaid)
    {
        var page = Page(name, title, mermaid);
        var path = Path.Combine(Folder, $"{name}.md");
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(path, page);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing: run the machine graph tests with {WriteVariable}=1 to write it");
        var stored = File.ReadAllText(path).ReplaceLineEndings("\n");
        Assert.True(stored == page, $"{path} no longer shows the machine: run the machine graph tests with {WriteVariable}=1 and commit the page");
    }

    private static string Page(string name, string title, string mermaid) =>
        $"""
        # {title}

        The procedure as the engine enforces it, exported from its Stateless machine (`{name}`). A test keeps this
        page current: after changing the machine, run the machine graph tests with `{WriteVariable}=1` and commit.

        ```mermaid
        {mermaid.ReplaceLineEndings("\n").Trim()}
        ```

        """.ReplaceLineEndings("\n");
}
