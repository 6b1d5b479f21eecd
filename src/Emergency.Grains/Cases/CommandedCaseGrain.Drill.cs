using Emergency.Contracts;
using Orleans.Concurrency;

namespace Emergency.Grains.Cases;

/// <summary>A fast drill's moves and questions (<see cref="IDrillCaseGrain{TCommand, TView, TSummary}"/>), answered as every move is.</summary>
public abstract partial class CaseGrain<TCase, TState, TCommand, TView, TSummary> : IDrillCaseGrain<TCommand, TView, TSummary>
{
    public Task<CommandResult<TView>> ExecuteInDrill(Immutable<TCommand> command, CommandContext context) => Execute(command.Value, context);
}
