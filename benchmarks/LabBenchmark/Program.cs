using Platform.LabBenchmark;

// dotnet run -c Release --project benchmarks/LabBenchmark -- [--runs 1] [--no-peer] [--verbose]
return await LabBenchmarkRun.RunAsync(LabBenchmarkOptions.Parse(args));
