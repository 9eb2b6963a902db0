using Platform.DrDrill;

// dotnet run -c Release --project benchmarks/DrDrill -- [--keys 2000] [--verbose]
return await DrDrillRun.RunAsync(DrDrillOptions.Parse(args));
