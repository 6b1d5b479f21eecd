using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Emergency.Testing;

/// <summary>The engine as a real process of its own, started from its built binaries, stopped with SIGTERM or SIGKILL.</summary>
public sealed class EngineProcess : IAsyncDisposable
{
    private static readonly SemaphoreSlim CertificateLock = new(1, 1);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EngineProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "commander-dev-token");
        Http.DefaultRequestHeaders.AcceptLanguage.Add(new("en"));
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>The exit code once the process has ended; null while it runs.</summary>
    public int? ExitCode => _process.HasExited ? _process.ExitCode : null;

    public int ProcessId => _process.Id;

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

    /// <summary>Starts the engine with these settings and waits until <c>/healthz</c> says ready.</summary>
    public static async Task<EngineProcess> StartAsync(EngineSettings settings)
    {
        var host = Path.Combine(RepoPaths.Root, "src", "Emergency.Host", "bin", BuildConfiguration, "net10.0", "Emergency.Host.dll");
        if (!File.Exists(host))
        {
            throw new FileNotFoundException($"The engine is not built at {host}");
        }

        if (settings.ClusterCertificate is { } certificate)
        {
            await EnsureCertificateAsync(host, certificate);
        }

        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = settings.WorkingDirectory,
        };
        start.ArgumentList.Add(host);
        foreach (var (key, value) in settings.Arguments())
        {
            start.ArgumentList.Add($"--{key}={value}");
        }

        var process = Process.Start(start)!;
        var engine = new EngineProcess(process, new Uri($"http://127.0.0.1:{settings.HttpPort}"));
        process.OutputDataReceived += (_, e) => engine.Append(e.Data);
        process.ErrorDataReceived += (_, e) => engine.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await engine.WaitReadyAsync();
        }
        catch
        {
            // Never leave a process behind that the caller has no handle on.
            await engine.DisposeAsync();
            throw;
        }

        return engine;
    }

    /// <summary>Makes the cluster certificate with the engine's own command, once for all the nodes that share the file.</summary>
    private static async Task EnsureCertificateAsync(string host, string file)
    {
        await CertificateLock.WaitAsync();
        try
        {
            if (File.Exists(file))
            {
                return;
            }

            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(host);
            start.ArgumentList.Add("cluster-certificate");
            start.ArgumentList.Add(file);
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException($"cluster-certificate exited with {process.ExitCode}: {await output}{await error}");
            }
        }
        finally
        {
            CertificateLock.Release();
        }
    }

    /// <summary>
    /// SIGTERM, as a service manager stops a node: the engine stops taking requests, finishes those in flight,
    /// leaves the cluster and exits. Returns how long that took.
    /// </summary>
    public async Task<TimeSpan> StopAsync()
    {
        var watch = Stopwatch.StartNew();
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The engine did not stop within 90 s of SIGTERM:\n{Output}");
        }

        return watch.Elapsed;
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed that was not already durable.</summary>
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

    private static string BuildConfiguration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync()
    {
        using var probe = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        try
        {
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
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException)
                {
                    return false;
                }
            }, ready => ready, "the engine to report ready on /healthz", TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}\n{Output}", ex);
        }
    }
}

/// <summary>What an engine process is started with; the same settings start it again after a kill.</summary>
public sealed record EngineSettings(string Provider, string ConnectionString, string WorkingDirectory)
{
    public int HttpPort { get; private init; } = FreePorts.Next();

    public int SiloPort { get; init; } = FreePorts.Next();


    public string ClusterId { get; private init; } = $"process-tests-{Guid.NewGuid():N}";

    /// <summary>The service the stored rows belong to: the same for every node and every restart of one test.</summary>
    public string ServiceId { get; init; } = "process-tests";

    /// <summary>Failure detection shorter than Orleans' defaults, for tests that wait on a node declared dead or refused.</summary>
    public static readonly IReadOnlyList<(string Key, string Value)> QuickFailureDetection =
    [
        ("Cluster:Membership:ProbeTimeout", "00:00:02"),
        ("Cluster:Membership:NumMissedProbesLimit", "2"),
        ("Cluster:Membership:TableRefreshTimeout", "00:00:05"),
    ];

    /// <summary>More <c>--Key=Value</c> arguments (e.g. <c>Cluster:Membership:ProbeTimeout</c>), given to every node.</summary>
    public IReadOnlyList<(string Key, string Value)> Extra { get; init; } = [];

    /// <summary>Settings for another node of the same cluster: same storage and cluster, ports of its own.</summary>
    public EngineSettings AnotherNode() => this with { HttpPort = FreePorts.Next(), SiloPort = FreePorts.Next() };

    /// <summary>
    /// The certificate the cluster's nodes share (PostgreSQL, the cluster profile, needs one): by default a file in the
    /// working directory, made by the engine's <c>cluster-certificate</c> command when the first node starts.
    /// </summary>
    public string? ClusterCertificate { get; init; } = Provider == "PostgreSql" ? Path.Combine(WorkingDirectory, "cluster.pfx") : null;

    /// <summary>An Orleans gateway for outside clients (0: none, the engine's default).</summary>
    public int GatewayPort { get; init; }

    /// <summary>
    /// Settings for a node of another cluster on the same storage and ServiceId: it does not see this cluster's
    /// nodes, so both may activate the same grain and write its stored state (a split brain, made on purpose).
    /// </summary>
    public EngineSettings InAnotherCluster() => AnotherNode() with { ClusterId = $"process-tests-{Guid.NewGuid():N}" };

    public IEnumerable<(string Key, string Value)> Arguments() =>
    [
        ("Urls", $"http://127.0.0.1:{HttpPort}"),
        ("Storage:Provider", Provider),
        ("Storage:ConnectionString", Provider == "PostgreSql" ? Pooled(ConnectionString) : ConnectionString),
        ("Cluster:SiloPort", SiloPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Cluster:GatewayPort", GatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("Cluster:ClusterId", ClusterId),
        ("Cluster:ServiceId", ServiceId),
        .. ClusterCertificate is null ? [] : new[] { ("Cluster:Tls:Certificate", ClusterCertificate) },

        // Load and outage tests send thousands of requests from one address and one token: the API's rate limit has tests of its own.
        ("Api:RateLimit:PerUser", "100000000"),
        ("Api:RateLimit:PerAddress", "100000000"),
        .. Extra,
    ];

    /// <summary>
    /// At most 10 connections per engine unless the test says otherwise: three engines, the test's own reads and the
    /// other test assemblies share one server (100 connections by default), and Npgsql's default pool is 100.
    /// </summary>
    private static string Pooled(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!builder.ContainsKey("Maximum Pool Size"))
        {
            builder.MaxPoolSize = 10;
        }

        return builder.ConnectionString;
    }
}
