using System.Globalization;
using Emergency.Contracts;
using Emergency.Domain.Drills;
using Emergency.Drills.Cli.Engines;
using Spectre.Console;

namespace Emergency.Drills.Cli;

/// <summary>Follows a running drill until it ends: a Spectre progress bar on a terminal, a plain line per tenth otherwise.</summary>
internal static class DrillProgress
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(100);

    public static Task<DrillStatus> FollowAsync(IDrillClient client, string run, Terminal terminal, CancellationToken cancellationToken) =>
        terminal.LiveProgress ? LiveAsync(client, run, terminal.ErrorConsole, cancellationToken) : LinesAsync(client, run, terminal.Error, cancellationToken);

    private static Task<DrillStatus> LiveAsync(IDrillClient client, string run, IAnsiConsole console, CancellationToken cancellationToken) =>
        console.Progress()
            .AutoClear(false)
            .Columns(new ProgressBarColumn(), new PercentageColumn(), new TaskDescriptionColumn { Alignment = Justify.Left }, new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("starting", maxValue: 100);
                while (true)
                {
                    var status = await PollAsync(client, run, cancellationToken);
                    task.Value = status.Percent;
                    task.Description = Markup.Escape(Describe(status));
                    if (Ended(status))
                    {
                        task.StopTask();
                        return status;
                    }

                    await Task.Delay(PollEvery, cancellationToken);
                }
            });

    private static async Task<DrillStatus> LinesAsync(IDrillClient client, string run, TextWriter error, CancellationToken cancellationToken)
    {
        var lastTenth = -1;
        while (true)
        {
            var status = await PollAsync(client, run, cancellationToken);
            if (status.Percent / 10 != lastTenth || Ended(status))
            {
                lastTenth = status.Percent / 10;
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{status.Percent,3} %  {Describe(status)}"));
            }

            if (Ended(status))
            {
                return status;
            }

            await Task.Delay(PollEvery, cancellationToken);
        }
    }

    private static async Task<DrillStatus> PollAsync(IDrillClient client, string run, CancellationToken cancellationToken) =>
        await client.StatusAsync(run, cancellationToken) ?? throw new DrillCliException($"drill {run} disappeared (purged?)");

    private static bool Ended(DrillStatus status) => status.Phase is DrillPhase.Finished or DrillPhase.Failed;

    private static string Describe(DrillStatus status) => string.Create(CultureInfo.InvariantCulture,
        $"{status.Offset} of {Offsets.Format(status.End - status.Start)}  {status.InjectsApplied:N0}/{status.InjectsTotal:N0} injects  {status.Phase.ToString().ToLowerInvariant()}");
}
