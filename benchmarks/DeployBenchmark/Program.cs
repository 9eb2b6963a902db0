using Platform.DeployBenchmark;

// dotnet run -c Release --project benchmarks/DeployBenchmark -- [--machines 20] [--small 5] [--runs 3]
return await DeployBenchmarkRun.RunAsync(BenchmarkOptions.Parse(args));
