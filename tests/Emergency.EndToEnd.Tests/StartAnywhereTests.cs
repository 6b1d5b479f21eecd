using System.Net;
using Emergency.Testing;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// The built engine, started as an operator would from a folder of their own (not the repository), serves the board;
/// a second engine given the same Orleans port is refused at start with the setting named, instead of starting beside it.
/// </summary>
public sealed class StartAnywhereTests : IDisposable
{
    private readonly TempDirectory _files = new("start-anywhere");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task The_built_engine_started_from_another_folder_serves_the_board_and_a_second_one_on_its_silo_port_is_refused()
    {
        var settings = new EngineSettings("Sqlite", $"Data Source={_files.File("emergency.db")}", _files.Path);
        await using var engine = await EngineProcess.StartAsync(settings);

        using var anonymous = new HttpClient { BaseAddress = engine.BaseAddress };
        var page = await anonymous.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<html", await page.Content.ReadAsStringAsync(Ct), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/js/board.js", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/lib/signalr/signalr.min.js", Ct)).StatusCode);

        using var second = new TempDirectory("start-anywhere-second");
        var clash = new EngineSettings("Sqlite", $"Data Source={second.File("emergency.db")}", second.Path) { SiloPort = settings.SiloPort };
        var refused = await Assert.ThrowsAnyAsync<InvalidOperationException>(() => EngineProcess.StartAsync(clash));
        Assert.Contains("exited with code 2", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"Setting 'Cluster:SiloPort': port {settings.SiloPort}", refused.Message, StringComparison.Ordinal);
    }
}
