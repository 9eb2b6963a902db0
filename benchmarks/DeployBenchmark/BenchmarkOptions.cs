namespace Platform.DeployBenchmark;

/// <summary>How many machines to start, the smaller size compared against, and how many timed runs per measurement.</summary>
/// <param name="Machines">Machines started (N).</param>
/// <param name="Small">The smaller N timed on the first machines of the same lab.</param>
/// <param name="Runs">Timed runs per measurement; the median is reported.</param>
public sealed record BenchmarkOptions(int Machines, int Small, int Runs)
{
    /// <summary>Parses --machines, --small and --runs.</summary>
    public static BenchmarkOptions Parse(string[] args)
    {
        int Value(string name, int fallback)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], out var v) ? v : fallback;
        }

        var options = new BenchmarkOptions(Value("--machines", 20), Value("--small", 5), Value("--runs", 3));
        if (options.Machines < 2 || options.Small < 2 || options.Small > options.Machines || options.Runs < 1 || options.Machines > 200)
        {
            throw new ArgumentException("Use --machines N (2-200), --small M (2 <= M <= N) and --runs R (>= 1).");
        }

        return options;
    }
}
