using Emergency.Domain.Messages;

namespace Emergency.Domain.Tests;

/// <summary>A message takes exactly the arguments its code declares, in the code's order whatever order they are given in.</summary>
public sealed class MessageCodeTests
{
    private static readonly MessageCode Code = new("test.code", "due", "basis", "level");

    [Fact]
    public void Arguments_given_in_any_order_are_kept_in_the_declared_order()
    {
        var message = Code.With(("level", "II"), ("due", "soon"), ("basis", "law"));

        Assert.Equal(["due", "basis", "level"], message.Args.Select(a => a.Key));
        Assert.Equal("soon", message["due"]!.Text);
        Assert.Equal("II", message["level"]!.Text);
        Assert.Null(message["absent"]);
    }

    [Theory]
    [InlineData("due basis")]
    [InlineData("due basis level extra")]
    [InlineData("due basis grade")]
    [InlineData("due due level")]
    [InlineData("due basis basis")]
    [InlineData("")]
    public void A_missing_undeclared_or_repeated_argument_is_refused_naming_both_lists(string names)
    {
        var args = names.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(n => (n, Arg.Of("x"))).ToArray();

        var error = Assert.Throws<ArgumentException>(() => Code.With(args));

        Assert.Contains("test.code takes (due, basis, level)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_code_declared_with_a_parameter_twice_takes_no_arguments_at_all()
    {
        var twice = new MessageCode("test.twice", "due", "due");

        Assert.Throws<ArgumentException>(() => twice.With(("due", "a"), ("other", "b")));
        Assert.Throws<ArgumentException>(() => twice.With(("due", "a"), ("due", "b")));
    }

    [Fact]
    public void A_code_without_parameters_makes_a_message_without_arguments()
    {
        Message message = new MessageCode("test.bare");

        Assert.Empty(message.Args);
        Assert.Equal("test.bare", message.Code);
    }
}
