using System.Collections.Concurrent;
using Emergency.Board.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Emergency.Board.Tests;

/// <summary>
/// The operators' tools render in a real browser under the policy of their own paths: whatever they would load or run
/// that the policy refuses, Chromium reports on the console, and the test fails on it.
/// </summary>
[Collection(BoardCollection.Name)]
public sealed class OperatorToolPageTests(BoardFixture board)
{
    /// <summary>The reference parses the whole OpenAPI document (300 KB) in the browser: slow on a busy machine.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions Rendered = new() { Timeout = 60_000 };

    [Theory]
    [InlineData("/scalar/v1", "Emergency", null)]
    [InlineData("/dashboard/", "Orleans Dashboard", Tokens.Administrator)]
    public async Task A_tool_page_renders_with_nothing_refused_by_its_browser_policy(string path, string heading, string? token)
    {
        await using var tool = await board.OpenBoard();
        var refused = new ConcurrentQueue<string>();
        tool.Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                refused.Enqueue(message.Text);
            }
        };
        if (token is not null)
        {
            await tool.Context.SetExtraHTTPHeadersAsync(new Dictionary<string, string> { ["Authorization"] = $"Bearer {token}" });
        }

        var answer = await tool.Page.GotoAsync(path);

        Assert.Equal(200, answer?.Status);
        await Expect(tool.Page.GetByRole(AriaRole.Heading, new() { Name = heading, Exact = true }).First).ToBeVisibleAsync(Rendered);
        await tool.Page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        Assert.Empty(refused);
    }
}
