using System.Text.Json;
using Emergency.Domain.Cases;

namespace Emergency.Domain.Tests.Cases;

/// <summary>A move is declared once, by its record: its name, roles and JSON shape are read from there.</summary>
public sealed class MovesTests
{
    [Fact]
    public void A_kind_lists_its_moves_in_declaration_order_with_their_roles()
    {
        var moves = Moves.Of<TestCommand>();

        Assert.Equal(["open", "note", "answer", "reconsider"], moves.Select(m => m.Name));
        Assert.True(moves[0].Creates);
        Assert.True(moves[1].BodyOptional);
        Assert.Equal([Role.PetitionOfficer, Role.Observer], moves[2].Roles);
        Assert.Equal("answer", Moves.NameOf(new Answer { Text = "yes" }));
    }

    [Fact]
    public void A_base_command_reads_the_record_its_move_names_wherever_the_name_stands()
    {
        var command = JsonSerializer.Deserialize<TestCommand>("""{"text":"no","move":"reconsider","round":2}""", JsonShape.Options);

        var reconsider = Assert.IsType<Reconsider>(command);
        Assert.Equal(("no", 2), (reconsider.Text, reconsider.Round));
        Assert.Contains("\"move\":\"reconsider\"", JsonSerializer.Serialize<TestCommand>(reconsider, JsonShape.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_written_as_itself_carries_no_move_name()
    {
        Assert.Equal("""{"text":"yes"}""", JsonSerializer.Serialize(new Answer { Text = "yes" }, JsonShape.Options));
    }

    [Theory]
    [InlineData("""{"move":"shout","text":"x"}""", "shout")]
    [InlineData("""{"text":"x"}""", "names no move")]
    public void An_unknown_or_missing_move_name_is_refused_as_bad_JSON(string json, string said)
    {
        // A JSON error, so that the API answers 400 with the field, never 500.
        var error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TestCommand>(json, JsonShape.Options));

        Assert.Contains(said, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_without_a_move_name_is_refused_when_its_kind_is_read()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Moves.Of<Unnamed>());

        Assert.Contains("Forgotten derives from Unnamed but has no [Move]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_records_of_one_name_are_refused_when_their_kind_is_read()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Moves.Of<Twins>());

        Assert.Contains("are both the move 'same'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_record_that_is_no_move_has_no_move_info()
    {
        Assert.Throws<InvalidOperationException>(() => Moves.Info(typeof(TestCommand)));
    }

    public abstract record TestCommand : CaseCommand;

    [Move("open", Role.PetitionOfficer, Creates = true)]
    public sealed record Open : TestCommand;

    [Move("note", Role.PetitionOfficer, BodyOptional = true)]
    public sealed record Note : TestCommand;

    /// <summary>Fields two moves share live in an abstract record of the kind.</summary>
    public abstract record Answering : TestCommand
    {
        public required string Text { get; init; }
    }

    [Move("answer", Role.PetitionOfficer, Role.Observer)]
    public sealed record Answer : Answering;

    [Move("reconsider", Role.PetitionOfficer)]
    public sealed record Reconsider : Answering
    {
        public int Round { get; init; }
    }

    public abstract record Unnamed : CaseCommand;

    public sealed record Forgotten : Unnamed;

    public abstract record Twins : CaseCommand;

    [Move("same", Role.Observer)]
    public sealed record First : Twins;

    [Move("same", Role.Observer)]
    public sealed record Second : Twins;
}
