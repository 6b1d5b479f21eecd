namespace Emergency.Domain.Rivers;

/// <summary>A spill the estimate cannot be made for; names the field and the problem.</summary>
public sealed class RiverEstimateException(string field, string problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
