using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Emergency.Testing;

namespace Emergency.Storage.Tests.Infrastructure;

/// <summary>The engine as a real process of its own (its built binaries), for kill -9 tests of a storage mode.</summary>
internal sealed class EngineProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EngineProcess(Process process, int httpPort)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "commander-dev-token");
    }

    public HttpClient Http { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static async Task<EngineProcess> StartAsync(StorageOptions storage, string serviceId, string workingDirectory)
    {
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var host = Path.Combine(RepoPaths.Root, "src", "Emergency.Host", "bin", configuration, "net10.0", "Emergency.Host.dll");
        if (!File.Exists(host))
        {
            throw new FileNotFoundException($"The engine is not built at {host}");
        }

        var httpPort = FreePorts.Next();
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(host);
        foreach (var argument in new[]
        {
            $"--Urls=http://127.0.0.1:{httpPort}",
            $"--{StorageOptions.ProviderKey}={storage.Provider}",
            $"--{StorageOptions.ConnectionStringKey}={storage.ConnectionString}",
            $"--{StorageOptions.CommitKey}={(storage.Commit == CommitMode.Group ? "group" : "default")}",
            $"--Cluster:SiloPort={FreePorts.Next().ToString(CultureInfo.InvariantCulture)}",
            $"--Cluster:GatewayPort={FreePorts.Next().ToString(CultureInfo.InvariantCulture)}",
            $"--Cluster:ClusterId=group-kill-{Guid.NewGuid():N}",
            $"--Cluster:ServiceId={serviceId}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var engine = new EngineProcess(Process.Start(start)!, httpPort);
        engine._process.OutputDataReceived += (_, e) => engine.Append(e.Data);
        engine._process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
        engine._process.BeginOutputReadLine();
        engine._process.BeginErrorReadLine();
        await engine.WaitReadyAsync();
        return engine;
    }

    /// <summary>SIGKILL: no shutdown code runs; only what was already committed remains.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        Http.Dispose();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private async Task WaitReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.Until(async () =>
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The engine exited with code {_process.ExitCode}:\n{Output}");
            }

            try
            {
                return (await probe.GetAsync("/healthz")).IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, ready => ready, "the engine to report ready on /healthz", TimeSpan.FromSeconds(90));
    }
}
