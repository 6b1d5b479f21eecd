using System.Collections.Immutable;

namespace Emergency.Domain.Tests;

/// <summary>What <see cref="Detachment"/> counts as shared and mutable, and what it lets through.</summary>
public sealed class DetachmentTests
{
    private static readonly Entry First = new() { Seq = 1, Text = "registered" };

    [Fact]
    public void A_list_shared_with_the_state_is_found_though_declared_read_only()
    {
        var state = new State { Entries = [First] };

        var found = Detachment.Find(state, ("view", new View { Entries = state.Entries }));

        Assert.Equal(["view.Entries (List<Entry>) is state.Entries"], found);
    }

    [Fact]
    public void A_copy_of_a_list_of_immutable_records_is_detached()
    {
        var state = new State { Entries = [First] };

        Assert.Empty(Detachment.Find(state, ("view", new View { Entries = [.. state.Entries] }), ("list", new View { Entries = state.Entries.ToList() })));
    }

    [Fact]
    public void An_object_with_setters_shared_from_a_fresh_list_is_found()
    {
        var state = new State { Steps = [new Step { Done = false }] };

        var found = Detachment.Find(state, ("view", new View { Steps = [.. state.Steps] }));

        Assert.Equal(["view.Steps[0] (Step) is state.Steps[0]"], found);
    }

    [Fact]
    public void A_shared_init_only_record_is_fine_unless_it_holds_a_mutable_collection()
    {
        var state = new State { Grade = new Grade { Level = 2, Reasons = new List<string> { "crosses a province boundary" } } };
        var frozen = new State { Grade = new Grade { Level = 2, Reasons = ImmutableList.Create("crosses a province boundary") } };

        Assert.Equal(["view.Grade.Reasons (List<String>) is state.Grade.Reasons"], Detachment.Find(state, ("view", new View { Grade = state.Grade })));
        Assert.Empty(Detachment.Find(frozen, ("view", new View { Grade = frozen.Grade })));
    }

    [Fact]
    public void A_list_made_by_a_collection_expression_may_be_made_fresh_but_not_shared()
    {
        // Read-only in memory, but a List once the state is read back from storage.
        var state = new State { Grade = new Grade { Level = 2, Reasons = ["crosses a province boundary", "drinking water cut"] } };

        Assert.Empty(Detachment.Find(state, ("view", new View { Grade = state.Grade with { Reasons = [.. state.Grade.Reasons] } })));
        Assert.Equal(["view.Grade.Reasons (<>z__ReadOnlyArray<String>) is state.Grade.Reasons"], Detachment.Find(state, ("view", new View { Grade = state.Grade })));
    }

    [Fact]
    public void A_read_only_wrapper_over_the_state_list_is_found()
    {
        var state = new State { Entries = [First] };

        var found = Detachment.Find(state, ("view", new View { Entries = state.Entries.AsReadOnly() }));

        Assert.Equal(["view.Entries(wrapped) (List<Entry>) is state.Entries"], found);
    }

    [Fact]
    public void Immutable_collections_and_empty_arrays_may_be_shared_other_arrays_may_not()
    {
        var state = new State { Frozen = [First], Empty = [], Array = [First] };

        Assert.Empty(Detachment.Find(state, ("view", new View { Entries = state.Frozen }), ("empty", new View { Entries = state.Empty })));
        Assert.Equal(["view.Entries (Entry[]) is state.Array"], Detachment.Find(state, ("view", new View { Entries = state.Array })));
    }

    [Fact]
    public void Dictionaries_are_walked_and_cycles_end()
    {
        var state = new State { Steps = [new Step()] };
        state.Self = state;

        var found = Detachment.Find(state, ("view", new Dictionary<string, Step> { ["a"] = state.Steps[0] }), ("state", state));

        Assert.Equal(["view[0].Value (Step) is state.Steps[0]", "state (State) is state"], found);
    }

    private sealed class State
    {
        public List<Entry> Entries { get; set; } = [];

        public List<Step> Steps { get; set; } = [];

        public Grade? Grade { get; set; }

        public ImmutableList<Entry> Frozen { get; set; } = [];

        public Entry[] Empty { get; set; } = [];

        public Entry[] Array { get; set; } = [];

        public State? Self { get; set; }
    }

    private sealed record View
    {
        public IReadOnlyList<Entry> Entries { get; init; } = [];

        public IReadOnlyList<Step> Steps { get; init; } = [];

        public Grade? Grade { get; init; }
    }

    private sealed record Entry
    {
        public required int Seq { get; init; }

        public required string Text { get; init; }
    }

    private sealed class Step
    {
        public bool Done { get; set; }
    }

    private sealed record Grade
    {
        public required int Level { get; init; }

        public required IReadOnlyList<string> Reasons { get; init; }
    }
}
