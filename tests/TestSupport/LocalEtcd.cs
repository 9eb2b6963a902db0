using System.Diagnostics;

namespace Platform.Testing;

/// <summary>A real etcd process started from an environment file (as systemd's EnvironmentFile would), for tests.</summary>
public sealed class LocalEtcd : IDisposable
{
    private readonly Process _process;
    private readonly System.Text.StringBuilder _log = new();

    private LocalEtcd(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.ErrorDataReceived += (_, e) => { lock (_log) { _log.AppendLine(e.Data); } };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>What etcd printed so far.</summary>
    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts etcd with the KEY=VALUE lines of <paramref name="environmentFile"/> as its environment.</summary>
    public static LocalEtcd Start(string environmentFile)
    {
        var start = new ProcessStartInfo(RequiredTools.Require("etcd")) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var line in File.ReadAllLines(environmentFile).Where(l => l.Contains('=') && !l.TrimStart().StartsWith('#')))
        {
            start.Environment[line[..line.IndexOf('=')]] = line[(line.IndexOf('=') + 1)..];
        }

        return new LocalEtcd(Process.Start(start) ?? throw new InvalidOperationException("etcd did not start."));
    }

    /// <summary>Runs etcdctl (API v3) until it succeeds or <paramref name="timeout"/> passes; returns the last result.</summary>
    public static async Task<ProcessRunner.Result> EtcdctlUntilAsync(IEnumerable<string> arguments, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        ProcessRunner.Result result;
        do
        {
            result = await EtcdctlAsync(arguments);
            if (result.ExitCode == 0)
            {
                return result;
            }

            await Task.Delay(250);
        }
        while (DateTime.UtcNow < deadline);
        return result;
    }

    /// <summary>Runs etcdctl once (API v3).</summary>
    public static Task<ProcessRunner.Result> EtcdctlAsync(IEnumerable<string> arguments, IDictionary<string, string>? environment = null)
    {
        var env = new Dictionary<string, string>(environment ?? new Dictionary<string, string>()) { ["ETCDCTL_API"] = "3" };
        return ProcessRunner.RunAsync(RequiredTools.Require("etcdctl"), ["--command-timeout=3s", .. arguments], TimeSpan.FromSeconds(20), environment: env);
    }

    /// <summary>Stops etcd.</summary>
    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
