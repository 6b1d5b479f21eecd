using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Npgsql;

namespace Emergency.Benchmarks;

/// <summary>
/// Throughput of incident commands over HTTP with 1, 2 and 3 engine processes on one PostgreSQL database, all on
/// this machine. Each row starts its nodes as real processes on a fresh database (as the end-to-end tests do),
/// spreads the clients round-robin over them, warms up, then counts the acknowledged commands. It also records
/// how busy the machine was: on a machine with few cores the nodes, the clients and PostgreSQL share them, so
/// more nodes need not mean more throughput.
/// </summary>
public sealed class ClusterBenchmark : IBenchmark
{
    private const int Clients = 16;
    private static readonly int[] NodeCounts = [1, 2, 3];
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(20);
    private static readonly DateTimeOffset Discovered = DateTimeOffset.UtcNow.AddMinutes(-5);

    public async Task<BenchmarkReport> RunAsync(string[] args)
    {
        var admin = Environment.GetEnvironmentVariable("EMERGENCY_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : "Host=127.0.0.1;Port=5432;Username=emergency;Password=emergency;Database=emergency_test";
        var rows = new List<IReadOnlyList<string>>();
        foreach (var count in NodeCounts)
        {
            Console.Error.WriteLine($"cluster: {count} node(s)…");
            var database = await CreateDatabaseAsync(admin, count);
            try
            {
                rows.Add(await MeasureAsync(database, count));
            }
            finally
            {
                await DropDatabaseAsync(admin, database);
            }
        }

        var server = new NpgsqlConnectionStringBuilder(admin);
        return new BenchmarkReport(
            "cluster",
            $"PostgreSQL at {server.Host}:{server.Port} on this machine; per row a fresh database and N engine processes (Release, default settings); "
            + $"{Clients} HTTP clients spread round-robin over the nodes, each registering an incident then completing its reachScene (two durable commands, "
            + $"each with its Idempotency-Key); {WarmUp.TotalSeconds:0} s warm-up, then {Measured.TotalSeconds:0} s measured. Machine CPU busy is /proc/stat over "
            + "the measured window (engines, clients and PostgreSQL together); engine CPU is the nodes' own CPU time over it, in cores; load average is the "
            + "1-minute figure at the end of the row",
            ["nodes", "clients", "commands", "seconds", "commands/s", "p50 ms", "p99 ms", "errors", "machine CPU busy", "engine CPU (cores)", "load avg 1 min"],
            rows);
    }

    private static async Task<IReadOnlyList<string>> MeasureAsync(string database, int count)
    {
        var nodes = new List<Node>();
        try
        {
            nodes.AddRange(await Task.WhenAll(Enumerable.Range(0, count).Select(i => Node.StartAsync(database, $"bench-cluster-{count}"))));

            // Every node takes commands (the cluster has formed) before the clock starts.
            foreach (var node in nodes)
            {
                await Until(async () => (await SendAsync(node.Http, Register($"join-{Guid.NewGuid():N}"))).Ok, TimeSpan.FromSeconds(60));
            }

            await RunClientsAsync(nodes, WarmUp);
            var cpuBefore = MachineCpu.Read();
            var engineBefore = nodes.Sum(n => n.CpuTime.TotalSeconds);
            var watch = Stopwatch.StartNew();
            var (latencies, errors) = await RunClientsAsync(nodes, Measured);
            var seconds = watch.Elapsed.TotalSeconds;
            var engineCores = (nodes.Sum(n => n.CpuTime.TotalSeconds) - engineBefore) / seconds;
            var busy = MachineCpu.Read().BusySince(cpuBefore);
            latencies.Sort();
            return
            [
                count.ToString(CultureInfo.InvariantCulture),
                Clients.ToString(CultureInfo.InvariantCulture),
                latencies.Count.ToString(CultureInfo.InvariantCulture),
                seconds.ToString("0.0", CultureInfo.InvariantCulture),
                (latencies.Count / seconds).ToString("0", CultureInfo.InvariantCulture),
                Percentiles.Ms(Percentiles.Of(latencies, 50)),
                Percentiles.Ms(Percentiles.Of(latencies, 99)),
                errors.ToString(CultureInfo.InvariantCulture),
                busy.ToString("0 %", CultureInfo.InvariantCulture),
                engineCores.ToString("0.00", CultureInfo.InvariantCulture),
                LoadAverage(),
            ];
        }
        finally
        {
            foreach (var node in nodes)
            {
                node.Dispose();
            }
        }
    }

    /// <returns>The latency of every acknowledged command in milliseconds, and how many commands were not acknowledged.</returns>
    private static async Task<(List<double> Latencies, int Errors)> RunClientsAsync(List<Node> nodes, TimeSpan duration)
    {
        var latencies = new List<double>();
        var errors = 0;
        var until = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var http = nodes[client % nodes.Count].Http;
            var mine = new List<double>();
            var failed = 0;
            for (var i = 0; until.Elapsed < duration; i++)
            {
                var key = $"c{client}-{Guid.NewGuid():N}";
                var registered = await SendAsync(http, Register(key));
                if (!registered.Ok)
                {
                    failed++;
                    continue;
                }

                mine.Add(registered.Ms);
                var completed = await SendAsync(http, Complete(registered.Id!, key + "-scene"));
                if (completed.Ok)
                {
                    mine.Add(completed.Ms);
                }
                else
                {
                    failed++;
                }
            }

            lock (latencies)
            {
                latencies.AddRange(mine);
                errors += failed;
            }
        })));
        return (latencies, errors);
    }

    private static async Task<(bool Ok, string? Id, double Ms)> SendAsync(HttpClient http, HttpRequestMessage request)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using (request)
            using (var response = await http.SendAsync(request))
            {
                if (!response.IsSuccessStatusCode)
                {
                    return (false, null, 0);
                }

                var body = await response.Content.ReadFromJsonAsync<JsonObject>();
                return (true, (string?)body?["id"], Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (false, null, 0);
        }
    }

    private static HttpRequestMessage Register(string key)
    {
        var body = new JsonObject
        {
            ["title"] = $"Benchmark {key}",
            ["region"] = "Yuncheng",
            ["discoveredAt"] = Discovered.ToString("O", CultureInfo.InvariantCulture),
            ["sourceChannel"] = "hotline12369",
            ["facts"] = new JsonObject { ["deaths"] = 0, ["evacuated"] = 0, ["directLossCny"] = 0 },
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/incidents") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static HttpRequestMessage Complete(string id, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/incidents/{id}/obligations/reachScene/complete")
        {
            Content = JsonContent.Create(new JsonObject { ["note"] = "team on site" }),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    private static async Task Until(Func<Task<bool>> probe, TimeSpan limit)
    {
        var watch = Stopwatch.StartNew();
        while (!await probe())
        {
            if (watch.Elapsed > limit)
            {
                throw new TimeoutException($"not ready within {limit.TotalSeconds:0} s");
            }

            await Task.Delay(200);
        }
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    private static async Task<string> CreateDatabaseAsync(string admin, int nodes)
    {
        var name = $"emergency_bench_cluster{nodes}_{Guid.NewGuid():N}"[..40];
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    private static async Task DropDatabaseAsync(string admin, string database)
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{new NpgsqlConnectionStringBuilder(database).Database}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    /// <summary>Whole-machine CPU counters from /proc/stat (Linux): busy and total jiffies.</summary>
    private sealed record MachineCpu(long Busy, long Total)
    {
        public static MachineCpu Read()
        {
            if (!File.Exists("/proc/stat"))
            {
                return new MachineCpu(0, 0);
            }

            // "cpu  user nice system idle iowait irq softirq steal ..."
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Sum();
            return new MachineCpu(total - fields[3] - fields[4], total);
        }

        public double BusySince(MachineCpu before) => Total == before.Total ? double.NaN : (double)(Busy - before.Busy) / (Total - before.Total);
    }

    /// <summary>One engine process, started from the Release build of Emergency.Host on its own ports.</summary>
    private sealed class Node : IDisposable
    {
        private readonly Process _process;

        private Node(Process process, HttpClient http)
        {
            _process = process;
            Http = http;
        }

        public HttpClient Http { get; }

        public TimeSpan CpuTime
        {
            get
            {
                _process.Refresh();
                return _process.TotalProcessorTime;
            }
        }

        public static async Task<Node> StartAsync(string database, string cluster)
        {
            var host = Path.Combine(RepositoryRoot(), "src", "Emergency.Host", "bin", "Release", "net10.0", "Emergency.Host.dll");
            if (!File.Exists(host))
            {
                throw new FileNotFoundException($"Build the engine first: dotnet build -c Release src/Emergency.Host ({host} is missing)");
            }

            var port = FreePort();
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add(host);
            foreach (var argument in new[]
            {
                $"--Urls=http://127.0.0.1:{port}",
                "--Storage:Provider=PostgreSql",
                $"--Storage:ConnectionString={database}",
                $"--Cluster:SiloPort={FreePort()}",
                $"--Cluster:Tls:Certificate={BenchCertificate.File}",
                $"--Cluster:ClusterId={cluster}",
                "--Cluster:ServiceId=bench-cluster",
                "--Logging:LogLevel:Default=Warning",
                "--Logging:LogLevel:Orleans=Error",
            Emergency.Benchmarks.Commands.BenchEngine.Unthrottled,
            })
            {
                start.ArgumentList.Add(argument);
            }

            var process = Process.Start(start)!;
            var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
            DataReceivedEventHandler keep = (_, e) =>
            {
                if (e.Data is { } line && log.Count < 200)
                {
                    log.Enqueue(line);
                }
            };
            process.OutputDataReceived += keep;
            process.ErrorDataReceived += keep;
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "commander-dev-token");
            var node = new Node(process, http);
            await Until(async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"an engine process exited with code {process.ExitCode}:\n{string.Join('\n', log)}");
                }

                try
                {
                    return (await http.GetAsync("/healthz")).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(90));
            return node;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
            Http.Dispose();
        }

        private static string RepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Emergency.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException($"No Emergency.sln above {AppContext.BaseDirectory}");
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
