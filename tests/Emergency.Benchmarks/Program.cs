using Emergency.Benchmarks;

var name = args.FirstOrDefault() ?? "";
IBenchmark? benchmark = name switch
{
    "board" => new BoardFanOutBenchmark(),
    "drill" => new DrillBenchmark(),
    "cluster" => new ClusterBenchmark(),
    _ => null,
};

if (benchmark is null)
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project tests/Emergency.Benchmarks -- board|drill");
    return 2;
}

var report = await benchmark.RunAsync(args.Skip(1).ToArray());
report.Print(Console.Out);
var file = report.Save();
Console.WriteLine($"written: {file}");
return 0;
