using Emergency.Domain.Messages;

namespace Emergency.Domain.Rivers;

/// <summary>A spill the estimate cannot be made for; names the field and the problem, as a message a duty officer reads.</summary>
public sealed class RiverEstimateException(string field, Message problem) : Exception($"{field}: {problem}")
{
    public string Field { get; } = field;

    public Message Problem { get; } = problem;
}
