using System.Data.Common;
using Emergency.Domain.Decisions;
using Emergency.Domain.Calendar;
using Emergency.Domain.Disputes.Rules;
using Emergency.Domain.Regions;
using Emergency.Domain.Rules;
using Emergency.Grains;
using Emergency.Host.Api;
using Emergency.Host.Auth;
using Emergency.Host.Board;
using Emergency.Host.Drills;
using Emergency.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Storage;

namespace Emergency.Host.Hosting;

/// <summary>Builds the engine: one process with the Orleans silo, the HTTP API and (later) the board.</summary>
public static class EngineHost
{
    /// <summary>Where <c>emergency.json</c>, the rule sets, the region catalog and the tokens live, unless <c>ConfigDirectory</c> says otherwise.</summary>
    public static string DefaultConfigDirectory => Path.Combine(AppContext.BaseDirectory, "config");

    /// <param name="args">Command-line arguments (<c>--Storage:Provider=PostgreSql</c>).</param>
    /// <param name="configure">Lets tests put their own settings, clock or ports in before anything is read.</param>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        ServeBoardFromAnyFolder(builder);
        var configDirectory = Path.GetFullPath(builder.Configuration["ConfigDirectory"] ?? DefaultConfigDirectory);
        var settingsFile = Path.Combine(configDirectory, "emergency.json");
        if (!File.Exists(settingsFile))
        {
            throw new EngineConfigurationException("ConfigDirectory", $"'{settingsFile}' does not exist");
        }

        // The settings file sits below environment variables and the command line, which may override any key.
        builder.Configuration.AddConfiguration(new ConfigurationBuilder()
            .AddJsonFile(settingsFile, optional: false)
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build());
        configure?.Invoke(builder);

        var settings = EngineSettings.Read(builder.Configuration, configDirectory);
        var overrides = settings.RulesOverrideFile is null ? null : RuleOverrides.Load(settings.RulesOverrideFile);
        var catalog = RuleSetLoader.Load(Path.Combine(settings.RulesDirectory, "incidents"), overrides);
        var decisionCatalog = MajorDecisionRuleLoader.Load(Path.Combine(settings.RulesDirectory, "decisions"), overrides);
        var (petitions, suggestions) = LoadDisputeRules(settings.RulesDirectory, builder.Configuration["Rules:Jurisdiction"], overrides);
        overrides?.EnsureAllUsed(catalog.All.Select(r => r.Id)
            .Concat(decisionCatalog.All.Select(r => r.Id))
            .Concat(petitions.All.Select(r => r.Id))
            .Concat(suggestions.All.Select(r => r.Id))
            .Append(petitions.Calendar.Id));
        var regions = settings.RegionsFile is null ? RegionCatalog.None : RegionCatalogLoader.Load(settings.RegionsFile, settings.RefuseUnknownRegions);
        var tokens = TokenStore.Load(settings.TokensFile);
        var enforcers = EnforcementRoles.Read(builder.Configuration);

        builder.Services.AddSingleton(settings).AddSingleton(settings.Answers).AddSingleton(catalog).AddSingleton(decisionCatalog).AddSingleton(tokens);
        builder.Services.AddSingleton(petitions).AddSingleton(suggestions).AddSingleton(regions);
        builder.Services.TryAddSingleton(Contracts.EngineClock.System);
        builder.Services.AddSingleton<OutageLog>();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = JsonBody.MaxBytes);
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorizationBuilder().AddEmergencyPolicies(enforcers);
        builder.Services.AddProblemDetails(problems => problems.CustomizeProblemDetails = DescribeUnavailable);
        builder.Services.ConfigureHttpJsonOptions(json => Contracts.DomainJson.Configure(json.SerializerOptions));
        builder.Services.AddSignalR().AddJsonProtocol(json => Contracts.DomainJson.Configure(json.PayloadSerializerOptions));
        builder.Services.AddOpenApi(openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Emergency";
            document.Info.Description = "Emergency response coordination engine. Send 'Authorization: Bearer <token>'; each operation names the roles that may call it.";
            document.Components ??= new Microsoft.OpenApi.OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, Microsoft.OpenApi.IOpenApiSecurityScheme>
            {
                [TokenAuthenticationHandler.SchemeName] = new Microsoft.OpenApi.OpenApiSecurityScheme
                {
                    Type = Microsoft.OpenApi.SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "A token from config/tokens.json (stored there as its SHA-256).",
                },
            };
            document.Security =
            [
                new Microsoft.OpenApi.OpenApiSecurityRequirement
                {
                    [new Microsoft.OpenApi.OpenApiSecuritySchemeReference(TokenAuthenticationHandler.SchemeName, document)] = [],
                },
            ];
            return Task.CompletedTask;
        }));

        // Certificates are checked against the machine's clock, as TLS checks them, not the engine's (a test's may be in 2013).
        var machineNow = TimeProvider.System.GetUtcNow();
        var clusterTls = settings.Tls is { } files
            ? ClusterTls.FromFiles(files.Certificate, files.Password, files.Key, files.Authority, machineNow)
            : ClusterTls.ForSingleNode(machineNow);
        OrleansPorts.EnsureFree(settings);
        builder.UseOrleans(silo =>
        {
            silo.UseTls(clusterTls.Certificate, clusterTls.Configure);
            if (settings.Storage.Provider == StorageProvider.Sqlite)
            {
                // One node on the embedded default: nothing to share membership with.
                silo.UseLocalhostClustering(settings.SiloPort, settings.GatewayPort, null, settings.ServiceId, settings.ClusterId);
            }
            else
            {
                silo.Configure<ClusterOptions>(cluster =>
                {
                    cluster.ClusterId = settings.ClusterId;
                    cluster.ServiceId = settings.ServiceId;
                });
                silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort);

                // Optional: Orleans' failure detection (ProbeTimeout, NumMissedProbesLimit, ...) from
                // `Cluster:Membership:*`. Absent, Orleans' own defaults apply; tests shorten them to see a node loss sooner.
                silo.Services.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection("Cluster:Membership"));
            }

            silo.UseEmergencyStorage(settings.Storage);
            silo.AddEmergencyGrains();
        });

        // After the silo, so that the relay's first subscription finds it running.
        builder.Services.AddSingleton<BoardRelay>();
        builder.Services.AddHostedService(services => services.GetRequiredService<BoardRelay>());

        var app = builder.Build();
        app.UseHttpHardening();
        var outages = app.Services.GetRequiredService<OutageLog>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            StatusCodeSelector = StatusFor,

            // A refusal for an unavailable storage or cluster is expected while it lasts: one line for the whole outage.
            SuppressDiagnosticsCallback = context =>
            {
                if (StatusFor(context.Exception) != StatusCodes.Status503ServiceUnavailable)
                {
                    return false;
                }

                outages.Refused(context.Exception);
                return true;
            },
        });
        app.Use(async (context, next) =>
        {
            await next(context);
            if (outages.Ongoing && HttpMethods.IsPost(context.Request.Method) && context.Response.StatusCode is >= 200 and < 300)
            {
                outages.CommandSucceeded();
            }
        });
        app.UseStatusCodePages();

        // The command board: static files under wwwroot, served at "/".
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseAuthentication();
        app.UseAuthenticationFirst();
        app.UseAuthorization();
        app.MapOpenApi().AllowAnonymous();
        app.MapHealthEndpoints();
        app.MapIncidentEndpoints();
        app.MapDecisionEndpoints();
        app.MapEnforcementEndpoints(enforcers);
        app.MapDisputeEndpoints();
        app.MapSuggestionEndpoints();
        app.MapWarningEndpoints();
        app.MapBoardEndpoints();
        app.MapDrillEndpoints();
        return app;
    }

    /// <summary>
    /// The board is found wherever the engine is started from: a published engine carries it in <c>wwwroot</c> beside its
    /// binaries; a built one finds it through the static web assets manifest beside them, which ASP.NET reads on its own
    /// only in the Development environment and relative to the working directory otherwise.
    /// </summary>
    private static void ServeBoardFromAnyFolder(WebApplicationBuilder builder)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published))
        {
            builder.Environment.WebRootPath = published;
            builder.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(published);
        }
        else
        {
            builder.WebHost.UseStaticWebAssets();
        }
    }

    /// <summary>
    /// The petition and suggestion rule sets with the holiday calendar they count working days by, for the deployment's
    /// jurisdiction (<c>Rules:Jurisdiction</c>, default national "CN"; "CN-HA" takes the Henan variant). A bad file stops the start.
    /// </summary>
    private static (PetitionRuleCatalog Petitions, SuggestionRuleCatalog Suggestions) LoadDisputeRules(string rulesDirectory, string? jurisdiction, RuleOverrides? overrides)
    {
        var calendar = WorkingCalendar.Load(Path.Combine(rulesDirectory, "calendar", "cn-holidays.json"), overrides);
        jurisdiction = string.IsNullOrWhiteSpace(jurisdiction) ? PetitionRuleCatalog.National : jurisdiction;
        return (PetitionRuleLoader.Load(Path.Combine(rulesDirectory, "petitions"), calendar, overrides, jurisdiction),
            SuggestionRuleLoader.Load(Path.Combine(rulesDirectory, "suggestions"), calendar, overrides, jurisdiction));
    }

    /// <summary>An exception answered 503 (<see cref="StatusFor"/>) says, in words, that a retry with the same key is safe.</summary>
    private static void DescribeUnavailable(ProblemDetailsContext context)
    {
        if (context.Exception is not { } exception || context.ProblemDetails.Status != StatusCodes.Status503ServiceUnavailable)
        {
            return;
        }

        context.ProblemDetails.Type = "urn:emergency:problem:unavailable";
        context.ProblemDetails.Title = "The engine cannot take commands now";
        context.ProblemDetails.Detail = exception is InconsistentStateException
            ? "the case was changed at the same moment by another writer; send the command again with the same Idempotency-Key, which applies it once"
            : "its storage or cluster is unavailable for a moment; send the command again with the same Idempotency-Key, which applies it once";
        context.HttpContext.Response.Headers.RetryAfter = "1";
    }

    /// <summary>Storage or cluster trouble is worth a retry (503); anything else is a bug (500).</summary>
    private static int StatusFor(Exception exception) => exception switch
    {
        DbException or InconsistentStateException or TimeoutException or OrleansException or SiloUnavailableException
            => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status500InternalServerError,
    };
}
