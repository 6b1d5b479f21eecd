using Emergency.Host.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Emergency.Host.Extensions;

public static class SettingsExtensions
{
    /// <summary>
    /// Adds <c>emergency.json</c> from the config directory below environment variables and the command line (which
    /// may override any key), lets <paramref name="configure"/> put its own settings in before anything is read, and
    /// registers the engine's settings and clock.
    /// </summary>
    public static EngineSettings AddEmergencySettings(this WebApplicationBuilder builder, string[] args, Action<WebApplicationBuilder>? configure)
    {
        var configDirectory = Path.GetFullPath(builder.Configuration["ConfigDirectory"] ?? EngineHost.DefaultConfigDirectory);
        var settingsFile = Path.Combine(configDirectory, "emergency.json");
        if (!File.Exists(settingsFile))
        {
            throw new EngineConfigurationException("ConfigDirectory", $"'{settingsFile}' does not exist");
        }

        builder.Configuration.AddConfiguration(new ConfigurationBuilder()
            .AddJsonFile(settingsFile, optional: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build());
        configure?.Invoke(builder);

        var settings = EngineSettings.Read(builder.Configuration, configDirectory);
        builder.Services.AddSingleton(settings).AddSingleton(settings.Answers).AddSingleton(settings.Cases);
        builder.Services.TryAddSingleton(Contracts.EngineClock.System);
        return settings;
    }
}
