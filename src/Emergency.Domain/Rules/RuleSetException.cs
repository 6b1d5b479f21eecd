namespace Emergency.Domain.Rules;

/// <summary>A rule file that cannot be used: names the file, the key and the problem, and stops the start.</summary>
public sealed class RuleSetException(string file, string key, string problem)
    : Exception($"Rule file '{file}'{(key.Length > 0 ? $", key '{key}'" : "")}: {problem}")
{
    public string File { get; } = file;

    public string Key { get; } = key;

    public string Problem { get; } = problem;
}
