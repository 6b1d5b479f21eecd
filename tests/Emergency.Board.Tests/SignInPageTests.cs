using System.Net;
using System.Text.Json.Nodes;
using Emergency.Board.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>A person signs in on the board's own page with a name and a password, and works with the session cookie.</summary>
[Collection(BoardCollection.Name)]
public sealed class SignInPageTests(BoardFixture fixture)
{
    private const string Password = "river watch 2026 shift";

    [Fact]
    public async Task A_person_signs_in_with_a_name_and_a_password_completes_an_obligation_and_signs_out()
    {
        var name = "duty.qian-" + Guid.NewGuid().ToString("N")[..6];
        using (var admin = fixture.Engine.Client(Tokens.Administrator))
        {
            await EngineApi.Post(admin, "/api/users", new JsonObject { ["name"] = name, ["role"] = "dutyCommander", ["password"] = Password }, HttpStatusCode.Created);
        }

        var id = await fixture.Commander.Register("Diesel on the Fen river", BoardFixture.NewRegion("Linfen"), fixture.Now, Facts.LevelIV());
        await using var board = await fixture.OpenBoard();
        await board.SignInAs(name, "not the password");
        await Expect(board.Page.GetByTestId("login-error")).ToHaveTextAsync("用户名或密码错误 The name or the password is not right");
        await board.Screenshot("sign-in-refused", fullPage: false);

        await board.SignInAs(name, Password);
        await board.ExpectLive();
        await Expect(board.Page.GetByTestId("user-name")).ToHaveTextAsync(name);
        await Expect(board.Page.GetByTestId("user-role")).ToHaveTextAsync("值班指挥 Duty commander");

        // The session lives in a cookie scripts cannot read; nothing is left in the tab's storage.
        var cookies = await board.Context.CookiesAsync();
        Assert.Contains(cookies, c => c.Name == "emergency.session" && c.HttpOnly && c.SameSite == SameSiteAttribute.Strict);
        Assert.Null(await board.Page.EvaluateAsync<string?>("sessionStorage.getItem('emergency.board.token')"));

        // A command from the board carries the session's antiforgery token.
        await board.OpenDetail(id);
        await board.Detail.Locator("[data-action='complete'][data-obligation='reachScene']").ClickAsync();
        await board.Detail.Locator("[data-action='confirm-complete'][data-obligation='reachScene']").ClickAsync();
        await Expect(board.DetailObligation("reachScene")).ToHaveAttributeAsync("data-status", "completed");
        await Expect(board.Detail.GetByTestId("timeline")).ToContainTextAsync(name);
        await board.CloseDetail();

        // A reload keeps the session; signing out ends it, a reload included.
        await board.Page.ReloadAsync();
        await board.ExpectLive();
        await Expect(board.Page.GetByTestId("user-name")).ToHaveTextAsync(name);
        await board.Page.GetByTestId("logout").ClickAsync();
        await Expect(board.Page.GetByTestId("login-form")).ToBeVisibleAsync();
        await board.Page.ReloadAsync();
        await Expect(board.Page.GetByTestId("login-form")).ToBeVisibleAsync();
        await Expect(board.Page.GetByTestId("user-name")).ToBeHiddenAsync();
    }
}
