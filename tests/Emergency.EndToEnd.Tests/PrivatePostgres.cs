using System.Diagnostics;
using System.Globalization;
using Emergency.Testing;
using Npgsql;

namespace Emergency.EndToEnd.Tests;

/// <summary>
/// A PostgreSQL server of one test's own (initdb into a temporary folder, pg_ctl on a free port), so that the
/// test may stop it without touching the server the other test assemblies share. As root (CI and this machine)
/// it runs as the <c>postgres</c> user, since initdb refuses root. Without PostgreSQL's binaries the test is
/// skipped, and fails under <c>CI=true</c>.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private const string User = "emergency";

    private readonly string _bin;
    private readonly string _folder;

    private PrivatePostgres(string bin, string folder, int port)
    {
        _bin = bin;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string Data => Path.Combine(_folder, "data");

    private string Log => Path.Combine(_folder, "server.log");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>Creates and starts the server, and creates an empty database; returns the server and the database's connection string.</summary>
    public static async Task<(PrivatePostgres Server, string ConnectionString)> StartAsync(string database)
    {
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(v => Path.Combine(v, "bin"))
                .Where(b => File.Exists(Path.Combine(b, "initdb"))).OrderByDescending(b => b, StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (bin is null)
        {
            const string message = "PostgreSQL's server binaries (/usr/lib/postgresql/<version>/bin/initdb) are not installed";
            if (PostgresTestServer.RequiredByCi)
            {
                Assert.Fail("CI=true requires a private PostgreSQL server: " + message);
            }

            Assert.Skip(message);
        }

        var folder = Path.Combine(Path.GetTempPath(), $"emergency-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(folder);
        if (IsRoot)
        {
            await RunAsync("chown", ["postgres:postgres", folder]);
        }

        var server = new PrivatePostgres(bin, folder, FreePorts.Next());
        await server.PgAsync("initdb", "-D", server.Data, "-U", User, "--auth=trust", "--encoding=UTF8", "--no-instructions");
        await server.StartAsync();
        var admin = server.ConnectionString("postgres");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return (server, server.ConnectionString(database));
    }

    /// <summary>Starts the stopped server again on the same port and data, and waits until it takes connections.</summary>
    public Task StartAsync() =>
        PgAsync("pg_ctl", "start", "-w", "-t", "60", "-D", Data, "-l", Log,
            "-o", $"-p {Port.ToString(CultureInfo.InvariantCulture)} -c listen_addresses=127.0.0.1 -k {_folder}");

    /// <summary>Stops the server at once, as a crash would (<c>-m immediate</c>: no checkpoint; it recovers from its log at the next start).</summary>
    public Task StopAsync() => PgAsync("pg_ctl", "stop", "-w", "-m", "immediate", "-D", Data);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await StopAsync();
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }

        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // The OS cleans temp later.
        }
    }

    private string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = User, Database = database }.ConnectionString;

    private Task PgAsync(string program, params string[] arguments) =>
        IsRoot
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_bin, program), .. arguments])
            : RunAsync(Path.Combine(_bin, program), arguments);

    private static async Task RunAsync(string program, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode}: {await stdout}{await stderr}");
        }
    }
}
