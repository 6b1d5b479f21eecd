using Emergency.Domain.Rules;
using Emergency.Host.Drills;
using Emergency.Host.Hosting;
using Emergency.Storage;

if (args is ["drill", .. var drill])
{
    return await DrillCli.RunAsync(drill, Console.Out, Console.Error);
}

try
{
    var app = EngineHost.Build(args);
    await app.StartAsync();
    var settings = app.Services.GetRequiredService<EngineSettings>();
    Console.WriteLine($"Emergency engine ready at {string.Join(", ", app.Urls)} (storage: {settings.Storage.Provider}); health: /healthz, API: /openapi/v1.json");
    await app.WaitForShutdownAsync();
    return 0;
}
catch (Exception ex) when (ex is RuleSetException or EngineConfigurationException or StorageConfigurationException)
{
    Console.Error.WriteLine($"Emergency cannot start: {ex.Message}");
    return 2;
}
