using System.Text;
using Emergency.Drills.Cli;

// Scenario titles, places and the scoring are often Chinese: a console left on another code page would print them as '?'.
Console.OutputEncoding = Encoding.UTF8;
return await DrillCli.RunAsync(args, Console.Out, Console.Error);
