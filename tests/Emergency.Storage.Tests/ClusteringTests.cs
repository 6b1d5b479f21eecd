using Emergency.Testing;
using System.Net;
using Emergency.Storage.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime.Membership;
using Orleans.Runtime.MembershipService;

namespace Emergency.Storage.Tests;

/// <summary>ADO.NET clustering on PostgreSQL (SQLite deployments use localhost clustering).</summary>
public sealed class ClusteringTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_silos_join_through_the_database_and_see_each_other()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        Assert.False(await StorageProbe.IsReadyAsync(db.Options, Ct));

        // An empty database: membership initialises at RuntimeInitialize, before storage and reminders, so this
        // start also proves the schema is migrated before the earliest provider reads its queries.
        await using var first = await TestSilo.StartAsync(db.Options, "svc-cluster");
        Assert.True(await StorageProbe.IsReadyAsync(db.Options, Ct));
        SiloAddress secondAddress;
        await using (var second = await TestSilo.StartAsync(db.Options, "svc-cluster"))
        {
            secondAddress = second.Address;
            foreach (var silo in new[] { first, second })
            {
                await Eventually.Until(
                    () => ActiveHostsAsync(silo),
                    hosts => hosts.SetEquals([first.Address, second.Address]),
                    $"{silo.Address} to see both silos as active",
                    TimeSpan.FromSeconds(30));
            }

            Assert.Equal(2, await db.CountAsync("SELECT COUNT(*) FROM Membership WHERE Status = 3", Ct));
        }

        // A graceful stop marks the silo Dead in the table, and the survivor drops it from its view.
        await Eventually.Until(
            () => ActiveHostsAsync(first),
            hosts => hosts.SetEquals([first.Address]),
            "the first silo to see the second one leave",
            TimeSpan.FromSeconds(30));
        Assert.Equal(1, await db.CountAsync(
            $"SELECT COUNT(*) FROM Membership WHERE Status = 6 AND Port = {secondAddress.Endpoint.Port}", Ct));
    }

    [Fact]
    public async Task Membership_queries_follow_the_provider_contract()
    {
        await using var db = await PostgresTestDatabase.CreateAsync();
        await new SchemaMigrator().MigrateAsync(db.Options, Ct);
        var services = new ServiceCollection().BuildServiceProvider();
        var cluster = Options.Create(new ClusterOptions { ClusterId = "contract", ServiceId = "svc-contract" });
        var table = new AdoNetClusteringTable(services, cluster,
            Options.Create(new AdoNetClusteringSiloOptions { Invariant = "Npgsql", ConnectionString = db.Options.ConnectionString }),
            NullLogger<AdoNetClusteringTable>.Instance);

        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true, Ct);
        var empty = await table.ReadAllAsync(Ct);
        Assert.Empty(empty.Members);
        Assert.Equal(0, empty.Version.Version);

        var now = TruncatedUtcNow();
        var alpha = Member(1001, SiloStatus.Active, now);
        var beta = Member(1002, SiloStatus.Joining, now);
        Assert.True(await table.InsertRowAsync(alpha, empty.Version.Next(), Ct));
        Assert.False(await table.InsertRowAsync(beta, empty.Version.Next(), Ct));
        var one = await table.ReadAllAsync(Ct);
        Assert.False(await table.InsertRowAsync(alpha, one.Version.Next(), Ct));
        Assert.Equal(1, (await table.ReadAllAsync(Ct)).Version.Version);
        Assert.True(await table.InsertRowAsync(beta, one.Version.Next(), Ct));

        var gateways = new AdoNetGatewayListProvider(NullLogger<AdoNetGatewayListProvider>.Instance, services,
            Options.Create(new AdoNetClusteringClientOptions { Invariant = "Npgsql", ConnectionString = db.Options.ConnectionString }),
            Options.Create(new GatewayOptions()), cluster);
        await gateways.InitializeGatewayListProviderAsync(Ct);
        var alphaGateway = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, alpha.ProxyPort), alpha.SiloAddress.Generation);
        Assert.Equal([alphaGateway.ToGatewayUri()], await gateways.GetGatewaysAsync(Ct));

        var two = await table.ReadAllAsync(Ct);
        Assert.Equal(2, two.Version.Version);
        alpha.Status = SiloStatus.Dead;
        alpha.SuspectTimes = [Tuple.Create(beta.SiloAddress, now)];
        Assert.True(await table.UpdateRowAsync(alpha, two.Version.VersionEtag, two.Version.Next(), Ct));
        Assert.False(await table.UpdateRowAsync(alpha, two.Version.VersionEtag, two.Version.Next(), Ct));
        var three = await table.ReadAllAsync(Ct);
        Assert.False(await table.UpdateRowAsync(Member(1003, SiloStatus.Active, now), three.Version.VersionEtag, three.Version.Next(), Ct));
        Assert.Equal(3, (await table.ReadAllAsync(Ct)).Version.Version);

        beta.IAmAliveTime = now.AddMinutes(1);
        await table.UpdateIAmAliveAsync(beta, Ct);
        var betaRow = await table.ReadRowAsync(beta.SiloAddress, Ct);
        Assert.Equal((now.AddMinutes(1), 3), (betaRow.Members.Single().Item1.IAmAliveTime, betaRow.Version.Version));
        var alphaRow = (await table.ReadRowAsync(alpha.SiloAddress, Ct)).Members.Single().Item1;
        Assert.Equal((SiloStatus.Dead, beta.SiloAddress, now), (alphaRow.Status, alphaRow.SuspectTimes!.Single().Item1, alphaRow.SuspectTimes!.Single().Item2));

        // Only the Dead silo is old enough and dead; the Joining one stays.
        await table.CleanupDefunctSiloEntriesAsync(new DateTimeOffset(now.AddMinutes(5)), Ct);
        Assert.Equal([beta.SiloAddress], (await table.ReadAllAsync(Ct)).Members.Select(member => member.Item1.SiloAddress));

        await table.DeleteMembershipTableEntriesAsync("contract", Ct);
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM Membership", Ct));
        Assert.Equal(0, await db.CountAsync("SELECT COUNT(*) FROM MembershipVersion", Ct));
    }

    private static async Task<HashSet<SiloAddress>> ActiveHostsAsync(TestSilo silo) =>
        [.. (await silo.Grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys];

    // PostgreSQL keeps microseconds; whole milliseconds compare exactly after a round trip.
    private static DateTime TruncatedUtcNow()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    private static MembershipEntry Member(int port, SiloStatus status, DateTime now) => new()
    {
        SiloAddress = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, port), 1),
        SiloName = $"silo-{port}",
        HostName = "localhost",
        Status = status,
        ProxyPort = port + 1000,
        StartTime = now.AddMinutes(-10),
        IAmAliveTime = now,
    };
}
