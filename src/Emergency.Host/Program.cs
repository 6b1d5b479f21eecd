using Emergency.Domain.Rules;
using Emergency.Host.Hosting;
using Emergency.Storage;

if (args is ["drill", ..])
{
    // Given to the server, a drill's arguments would start an engine instead: point to the drill's own program.
    Console.Error.WriteLine("The drill command line is a program of its own: dotnet run --project src/Emergency.Drills.Cli -- run <file> (docs/drills.md).");
    return 2;
}

if (args is ["cluster-certificate", .. var certificate])
{
    return await ClusterCertificateCli.RunAsync(certificate, Console.Out, Console.Error);
}

try
{
    var app = EngineHost.Build(args);
    try
    {
        await app.StartAsync();
    }
    catch (Exception ex) when (ex is OrleansException or TimeoutException)
    {
        // Typically a node that cannot join its cluster (another cluster certificate, peers unreachable): say so and
        // exit, instead of dying on an unhandled exception; the log above has the details.
        Console.Error.WriteLine($"Emergency could not start: {ex.Message}");
        return 3;
    }

    var settings = app.Services.GetRequiredService<EngineSettings>();
    Console.WriteLine($"Emergency engine ready at {string.Join(", ", app.Urls)} (storage: {settings.Storage.Provider}); health: /healthz, API: /openapi/v1.json, reference: /scalar/v1");
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception ex) when (ex is RuleSetException or EngineConfigurationException or StorageConfigurationException)
{
    Console.Error.WriteLine($"Emergency cannot start: {ex.Message}");
    return 2;
}
catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
{
    Console.Error.WriteLine($"Emergency cannot start: {ex.Message} Another engine on this machine? Give this one other Urls.");
    return 2;
}
