using Emergency.Host.Extensions;

namespace Emergency.Host.Hosting;

/// <summary>Builds the engine: one process with the Orleans silo, the HTTP API and the board.</summary>
public static class EngineHost
{
    /// <summary>Where <c>emergency.json</c>, the rule sets, the region catalog and the tokens live, unless <c>ConfigDirectory</c> says otherwise.</summary>
    public static string DefaultConfigDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    /// <param name="args">Command-line arguments (<c>--Storage:Provider=PostgreSql</c>).</param>
    /// <param name="configure">Lets tests put their own settings, clock or ports in before anything is read.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args).ServeBoardFromAnyFolder();
        var settings = builder.AddEmergencySettings(args, configure);
        HttpPorts.EnsureFree(builder.Configuration);
        builder.Services.AddEmergencyRules(settings, builder.Configuration);
        builder.Services.AddEmergencyAuth(settings, builder.Configuration);
        builder.Services.AddJurisdictions();
        builder.Services.AddEmergencyPublic(builder.Configuration);
        builder.Services.AddEmergencyProblems();
        builder.AddEmergencyApi();
        builder.AddEmergencyTexts();
        builder.AddEmergencyOrleans(settings);

        // After the silo: their background work calls grains from its first moment.
        builder.AddEmergencyTelemetry(settings);
        builder.Services.AddEmergencyBoard();
        if (settings.WarmUpDrills)
        {
            builder.Services.AddHostedService<Drills.DrillWarmUpService>();
        }

        var app = builder.Build();
        app.UseHttpHardening();
        app.UseEmergencyTexts();
        app.UseEmergencyErrors();
        app.UseEmergencyBoard();
        app.UseEmergencyAuth();
        app.MapEmergencyEndpoints();
        app.MapEmergencyTelemetry();
        return app;
    }
}
