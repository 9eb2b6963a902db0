using Platform.DeployBenchmark;

// dotnet run -c Release --project benchmarks/DeployBenchmark -- [--machines 20] [--small 5] [--runs 3]
// dotnet run -c Release --project benchmarks/DeployBenchmark -- --add-node [--machines 20]
// Each model is an Aspire builder; without this each would keep inotify watchers on appsettings files (the user's limit is small).
Environment.SetEnvironmentVariable("DOTNET_hostBuilder__reloadConfigOnChange", "false");
return args.Contains("--add-node")
    ? await AddNodeBenchmarkRun.RunAsync(BenchmarkOptions.Parse([.. args.Where(a => a != "--add-node")]))
    : await DeployBenchmarkRun.RunAsync(BenchmarkOptions.Parse(args));
