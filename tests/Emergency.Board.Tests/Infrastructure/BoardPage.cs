using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests.Infrastructure;

/// <summary>The board as a person sees it: what to click and what to read, by the names the page gives.</summary>
public sealed class BoardPage(IBrowserContext context, IPage page) : IAsyncDisposable
{
    public IPage Page => page;

    public IBrowserContext Context => context;

    public ILocator Status => page.GetByTestId("status");

    public ILocator Detail => page.GetByTestId("detail");

    /// <summary>Every control that changes something (complete, report, close): none for an observer.</summary>
    public ILocator Actions => page.Locator("[data-action]");

    public ILocator Incident(string id) => page.Locator($"article.incident[data-incident-id='{id}']");

    /// <summary>One obligation's row on an incident's card; its <c>data-state</c> is what the board shows.</summary>
    public ILocator Obligation(string incidentId, string obligation) =>
        Incident(incidentId).Locator($"li.obligation[data-obligation='{obligation}']");

    public ILocator Alerts(string incidentId, string kind) =>
        page.Locator($"#alerts li[data-incident-id='{incidentId}'][data-kind='{kind}']");

    /// <summary>The current problem (overdue, or due within the hour) of one incident's step.</summary>
    public ILocator Alert(string incidentId, string obligation) =>
        page.Locator($"#alerts li[data-incident-id='{incidentId}'][data-obligation='{obligation}']");

    /// <summary>An entry of the alerts' history: a step resolved (completed, completedLate) or a past event (escalated…).</summary>
    public ILocator AlertHistory(string incidentId, string kind) =>
        page.Locator($"#alert-history li[data-incident-id='{incidentId}'][data-kind='{kind}']");

    /// <summary>Unfolds the alerts' history.</summary>
    public async Task OpenAlertHistory()
    {
        if (!await page.Locator("#alert-history-box").EvaluateAsync<bool>("e => e.open"))
        {
            await page.Locator("#alert-history-box > summary").ClickAsync();
        }
    }

    public ILocator DetailObligation(string obligation) => Detail.Locator($"tr[data-obligation='{obligation}']");

    /// <summary>Signs in on the board at <paramref name="path"/> (a drill's: "/?scope=drill-…").</summary>
    public async Task SignIn(string token, string path = "/")
    {
        await page.GotoAsync(path);
        await page.GetByLabel("令牌 Access token").FillAsync(token);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录 Sign in" }).ClickAsync();
    }

    /// <summary>Signs a person in on the board with a name and a password, as people do.</summary>
    public async Task SignInAs(string name, string password)
    {
        await page.GotoAsync("/");
        await page.GetByLabel("用户名 User name").FillAsync(name);
        await page.GetByLabel("密码 Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "登录 Sign in" }).ClickAsync();
    }

    public Task ExpectLive() => Expect(Status).ToHaveAttributeAsync("data-state", "live");

    /// <summary>Opens an incident's detail from its card and waits until it has loaded.</summary>
    public async Task OpenDetail(string incidentId)
    {
        await Incident(incidentId).ClickAsync();
        await Expect(Detail).ToBeVisibleAsync();
        await Expect(Detail.GetByTestId("timeline")).ToBeVisibleAsync();
    }

    public async Task CloseDetail()
    {
        await Detail.GetByRole(AriaRole.Button, new() { Name = "关闭 Close panel" }).ClickAsync();
        await Expect(Detail).ToBeHiddenAsync();
    }

    /// <summary>Saves a PNG under TestResults/board-screenshots and prints its path; the whole page, or what the screen shows.</summary>
    public async Task<string> Screenshot(string name, bool fullPage = true)
    {
        Directory.CreateDirectory(BoardFixture.ScreenshotDirectory);
        var path = Path.Combine(BoardFixture.ScreenshotDirectory, $"{name}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = fullPage });
        TestContext.Current.TestOutputHelper?.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
