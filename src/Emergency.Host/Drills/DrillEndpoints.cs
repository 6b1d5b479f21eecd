using System.Globalization;
using System.Text;
using Emergency.Contracts;
using Emergency.Domain.Drills;
using Emergency.Domain.Messages;
using Emergency.Host.Api;
using Emergency.Host.Auth;
using Emergency.Host.Hosting;
using Emergency.Texts;

namespace Emergency.Host.Drills;

/// <summary>
/// The drill API: start a run from a scenario file, follow it, steer a paced one (pause, resume, jump,
/// injects by hand), fetch its report, purge it. Drill organisers only, but the report: every reader of the board.
/// </summary>
public static class DrillEndpoints
{
    /// <summary>A scenario or inject is YAML, and JSON is YAML too; send one of these as Content-Type (curl: -H 'Content-Type: application/yaml').</summary>
    private static readonly string[] ScenarioTypes = ["application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain", "application/json"];

    public static IEndpointRouteBuilder MapDrillEndpoints(this IEndpointRouteBuilder app)
    {
        var drills = app.MapGroup("/api/drills").WithTags("Drills").RequireAuthorization(Policies.RunDrills);
        var roles = Policies.Describe(Policies.RunDrills);

        drills.MapPost("/", Start)
            .WithSummary("Start a drill from a scenario file (the YAML text as the body); mode=fast|paced, speed=60 (paced), file=name for messages")
            .WithDescription($"{roles} A bad file is refused before anything runs: 400 with every error's file, line, column and reason; 413 above {ScenarioReader.MaxBytes:N0} bytes.")
            .Accepts<string>(ScenarioTypes[0], ScenarioTypes[1..])
            .Produces<DrillStatus>(StatusCodes.Status201Created)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        drills.MapGet("/{run}", async (string run, IGrainFactory grains) =>
                await Drill(run, grains).GetStatus() is { } status ? Results.Ok(status) : NotFound(run))
            .WithSummary("A drill's status: phase, virtual now, progress, latest messages to the players, result once finished")
            .WithDescription(roles)
            .Produces<DrillStatus>()
            .ProducesProblem(StatusCodes.Status404NotFound);

        drills.MapPost("/{run}/pause", async (string run, IGrainFactory grains) => DrillProblems.From(await Drill(run, grains).Pause(), Results.Ok))
            .WithSummary("Pause a paced drill's clock").WithDescription(roles).Accepts<NoBody>(isOptional: true, "application/json").Produces<DrillStatus>().ProducesProblem(StatusCodes.Status409Conflict);

        drills.MapPost("/{run}/resume", async (string run, IGrainFactory grains) => DrillProblems.From(await Drill(run, grains).Resume(), Results.Ok))
            .WithSummary("Let a paused drill's clock run again").WithDescription(roles).Accepts<NoBody>(isOptional: true, "application/json").Produces<DrillStatus>().ProducesProblem(StatusCodes.Status409Conflict);

        drills.MapPost("/{run}/jump", async (string run, string? to, IGrainFactory grains) =>
            {
                var (offset, problem) = to is null ? (null, DrillTexts.JumpToRequired) : Offsets.Parse(to);
                return offset is null
                    ? Problems.Invalid([new("to", problem!)])
                    : DrillProblems.From(await Drill(run, grains).JumpTo(offset.Value), Results.Ok);
            })
            .WithSummary("Move a paced drill's clock forward to an offset from the start (to=+6h), applying everything due on the way")
            .WithDescription(roles).Accepts<NoBody>(isOptional: true, "application/json")
            .Produces<DrillStatus>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        drills.MapPost("/{run}/injects", async (HttpContext http, string run, IGrainFactory grains, CancellationToken cancellationToken) =>
            {
                var (text, problem) = await ReadTextAsync(http.Request, "inject", cancellationToken);
                return problem ?? DrillProblems.From(await Drill(run, grains).Inject(text!, http.User.ToActor()), Results.Ok);
            })
            .WithSummary("Inject by hand into a paced drill: one inject of the scenario format (YAML or JSON), now or at 'at'")
            .WithDescription($"{roles} 409 when the procedure refuses it (the refusal is also kept in the report).")
            .Accepts<string>(ScenarioTypes[0], ScenarioTypes[1..])
            .Produces<DrillStatus>().ProducesProblem(StatusCodes.Status400BadRequest).ProducesProblem(StatusCodes.Status409Conflict);

        drills.MapDelete("/{run}", async (string run, IGrainFactory grains) =>
            {
                if (!DrillIds.IsRun(run))
                {
                    return NotFound(run);
                }

                var drill = Drill(run, grains);
                var existed = await drill.GetStatus() is not null;
                var purged = await drill.Purge();
                return existed || purged > 0 ? Results.Ok(new { run, purged }) : NotFound(run);
            })
            .WithSummary("Stop a drill and purge it: its incidents and its record").WithDescription(roles).ProducesProblem(StatusCodes.Status404NotFound);

        // A drill's report is read by those who played or watched it, as its board is: every reader, not only organisers.
        var reports = app.MapGroup("/api/drills").WithTags("Drills").RequireAuthorization(Policies.Read);
        var readers = Policies.Describe(Policies.Read);
        reports.MapGet("/{run}/report", async (string run, IGrainFactory grains) =>
                await ReportAsync(run, grains, json => Results.Text(json, "application/json", Encoding.UTF8)))
            .WithSummary("The report of a finished drill (JSON): every expectation met, late or missed, every obligation against its deadline")
            .WithDescription(readers).Produces<DrillReport>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict);

        reports.MapGet("/{run}/report.html", async (string run, IGrainFactory grains, TextRenderer texts) =>
                await ReportAsync(run, grains, json => Results.Text(
                    DrillReportPage.Render(DrillReportJson.Deserialize(json), texts, TextRenderer.LanguageOf(CultureInfo.CurrentUICulture)), "text/html", Encoding.UTF8)))
            .WithSummary("The report of a finished drill as a page to read, with the timeline chart").WithDescription(readers).AsSelfContainedDocument();

        reports.MapGet("/{run}/chart.svg", async (string run, IGrainFactory grains) =>
                await ReportAsync(run, grains, json => Results.Text(DrillTimelineChart.Render(DrillReportJson.Deserialize(json)), "image/svg+xml", Encoding.UTF8)))
            .WithSummary("The timeline chart of a finished drill: obligations against their deadlines (SVG)").WithDescription(readers).AsSelfContainedDocument();

        return app;
    }

    private static async Task<IResult> Start(HttpContext http, IGrainFactory grains, string? mode, string? speed, string? file, CancellationToken cancellationToken)
    {
        var errors = new List<Domain.FieldError>();
        var drillMode = mode?.ToLowerInvariant() switch
        {
            null or "fast" => DrillMode.Fast,
            "paced" => DrillMode.Paced,
            _ => (DrillMode?)null,
        };
        if (drillMode is null)
        {
            errors.Add(new("mode", DrillTexts.ModeShape));
        }

        var pace = 1.0;
        if (speed is not null && !(double.TryParse(speed.TrimStart('x', 'X'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out pace) && pace is > 0 and <= 100_000))
        {
            errors.Add(new("speed", DrillTexts.SpeedShape));
        }

        var name = string.IsNullOrWhiteSpace(file) ? "scenario.yaml" : Path.GetFileName(file);
        if (name.Length > 200)
        {
            errors.Add(new("file", DrillTexts.FileNameShape));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid([.. errors]);
        }

        var (text, problem) = await ReadTextAsync(http.Request, name, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var run = DrillIds.NewRun();
        var answer = await Drill(run, grains).Start(new DrillStart { Text = text!, File = name, Mode = drillMode!.Value, Speed = pace, StartedBy = http.User.ToActor() });
        return DrillProblems.From(answer, status => Results.Created($"/api/drills/{run}", status));
    }

    /// <summary>Reads the body as UTF-8 text, refusing a scenario above its size limit before reading it.</summary>
    private static async Task<(string? Text, IResult? Problem)> ReadTextAsync(HttpRequest request, string file, CancellationToken cancellationToken)
    {
        var (bytes, tooLarge) = await ReadBytesAsync(request, file, cancellationToken);
        if (tooLarge is not null)
        {
            return (null, tooLarge);
        }

        try
        {
            return (ScenarioReader.Decode(bytes, file), null);
        }
        catch (ScenarioException ex)
        {
            return (null, DrillProblems.InvalidScenario(ex.Errors));
        }
    }

    /// <summary>The body's bytes, refused (413) once it is larger than a scenario may be.</summary>
    private static async Task<(byte[]? Bytes, IResult? Problem)> ReadBytesAsync(HttpRequest request, string file, CancellationToken cancellationToken)
    {
        try
        {
            if (request.ContentLength is { } length)
            {
                ScenarioReader.CheckSize(length, file);
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                ScenarioReader.CheckSize(buffer.Length, file);
            }

            return (buffer.ToArray(), null);
        }
        catch (ScenarioException ex)
        {
            return (null, DrillProblems.InvalidScenario(ex.Errors, StatusCodes.Status413PayloadTooLarge));
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, DrillProblems.InvalidScenario([new ScenarioError(file, 1, 1, ScenarioTexts.BodyTooLarge.With(("max", ScenarioReader.MaxBytes)))], StatusCodes.Status413PayloadTooLarge));
        }
    }

    private static async Task<IResult> ReportAsync(string run, IGrainFactory grains, Func<string, IResult> render)
    {
        if (!DrillIds.IsRun(run))
        {
            return NotFound(run);
        }

        var drill = Drill(run, grains);
        if (await drill.GetStatus() is not { } status)
        {
            return NotFound(run);
        }

        return await drill.GetReport() is { } json
            ? render(json)
            : DrillProblems.NotAllowed(DrillTexts.ReportNotYet.With(("phase", Arg.Of(status.Phase)), ("at", status.Offset), ("percent", (decimal)status.Percent)));
    }

    private static IDrillGrain Drill(string run, IGrainFactory grains) => grains.GetGrain<IDrillGrain>(DrillIds.IsRun(run) ? run : "invalid");

    private static IResult NotFound(string run) => Problems.NotFound(DrillTexts.NoRunWithId.With(("run", run)));
}

/// <summary>Pause, resume and jump take no body; an empty JSON object is accepted and ignored.</summary>
public sealed record NoBody;
