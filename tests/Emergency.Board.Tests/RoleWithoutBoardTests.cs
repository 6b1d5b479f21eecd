using Emergency.Board.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// An administrator or an auditor may not read the board (its snapshot answers 403): the page says plainly that the board
/// has nothing for the role and where their work is, instead of an error, and they can sign out.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class RoleWithoutBoardTests(BoardFixture fixture)
{
    [Theory]
    [InlineData(Tokens.Administrator, "管理员 Administrator", "/api/users")]
    [InlineData(Tokens.Auditor, "审计员 Auditor", "/api/audit")]
    public async Task A_role_the_board_has_nothing_for_reads_so_instead_of_a_refusal_and_signs_out(string token, string role, string where)
    {
        await using var board = await fixture.OpenBoard();

        await board.SignIn(token);

        var message = board.Page.GetByTestId("no-board");
        await Expect(message).ToBeVisibleAsync();
        await Expect(message).ToContainTextAsync($"看板没有{role}可看的内容");
        await Expect(message).ToContainTextAsync(where);
        await Expect(board.Page.GetByTestId("user-role")).ToHaveTextAsync(role);
        await Expect(board.Page.Locator("#board")).ToBeHiddenAsync();
        await Expect(board.Page.GetByTestId("login-error")).ToBeHiddenAsync();
        await board.Screenshot($"no-board-{token}", fullPage: false);

        await board.Page.Locator("#logout").ClickAsync();
        await Expect(message).ToBeHiddenAsync();
        await Expect(board.Page.GetByTestId("login-form")).ToBeVisibleAsync();
    }
}
