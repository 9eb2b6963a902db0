using System.Text;
using Platform.Deployer.Ssh;

namespace Platform.Deployer.Hosts;

/// <summary>
/// The one shell script that gathers a host's facts in a single round trip, and its parser. Plan speed
/// comes from here: one command per host instead of one per check.
/// </summary>
public static class FactsScript
{
    /// <summary>Builds the script for the files, marker paths and sysctl keys a run cares about.</summary>
    public static string Build(IEnumerable<string> files, IEnumerable<string> markers, IEnumerable<string> sysctlKeys)
    {
        var script = new StringBuilder();
        script.AppendLine("echo '### os'; cat /etc/os-release 2>/dev/null");
        script.AppendLine("echo '### hostname'; hostname");
        script.AppendLine("echo '### addr'; ip -o -4 addr show 2>/dev/null | awk '{print $2, $4}'");
        script.AppendLine("echo '### cpus'; nproc");
        script.AppendLine("echo '### mem'; awk '/MemTotal/ {print $2}' /proc/meminfo");
        script.AppendLine("echo '### swaps'; tail -n +2 /proc/swaps | grep -c . || true");
        script.AppendLine("echo '### virt'; systemd-detect-virt --container 2>/dev/null || true");
        script.AppendLine("echo '### packages'; dpkg-query -W -f='${db:Status-Abbrev} ${Package} ${Version}\\n' 2>/dev/null | awk '$1 == \"ii\" {print $2, $3}'");
        script.AppendLine("echo '### held'; dpkg-query -W -f='${db:Status-Want} ${Package}\\n' 2>/dev/null | awk '$1 == \"hold\" {print $2}'");
        script.Append("echo '### units'; systemctl show --property=Id,ActiveState,UnitFileState ").Append(Shell.Join(ManagedUnits.All)).AppendLine(" 2>/dev/null");
        // /sys/module also lists modules built into the kernel, which /proc/modules leaves out.
        script.AppendLine("echo '### modules'; ls /sys/module 2>/dev/null");
        // One stat and one sha256sum over every file: forks, not bytes, are what cost time here.
        var fileList = Shell.Join(files.DefaultIfEmpty("/nonexistent"));
        script.Append("echo '### modes'; stat -c '%a %n' ").Append(fileList).AppendLine(" 2>/dev/null");
        script.Append("echo '### hashes'; sha256sum ").Append(fileList).AppendLine(" 2>/dev/null");
        script.Append("echo '### exists'; for f in ").Append(Shell.Join(markers.DefaultIfEmpty("/nonexistent"))).AppendLine("; do [ -e \"$f\" ] && echo \"$f\"; done; true");
        script.Append("echo '### sysctl'; for k in ").Append(Shell.Join(sysctlKeys.DefaultIfEmpty("kernel.hostname")))
            // POSIX sh (sudo runs sh -c): dots to slashes by splitting on IFS, no forks.
            .AppendLine("; do p=/proc/sys; IFS=.; for part in $k; do p=$p/$part; done; unset IFS; if [ -r \"$p\" ] && read -r v < \"$p\"; then printf '%s=%s\\n' \"$k\" \"$v\"; else printf '%s=<unavailable>\\n' \"$k\"; fi; done");
        return script.ToString();
    }

    /// <summary>Fills <paramref name="facts"/> from the script's output.</summary>
    public static void Parse(string output, HostFacts facts)
    {
        var section = "";
        string? unit = null;
        var modes = new Dictionary<string, string>();
        var hashes = new Dictionary<string, string>();
        var osRelease = new StringBuilder();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("### ", StringComparison.Ordinal))
            {
                section = line[4..];
                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            var parts = line.Split(' ', 3, StringSplitOptions.RemoveEmptyEntries);
            switch (section)
            {
                case "os":
                    osRelease.AppendLine(line);
                    break;
                case "hostname":
                    facts.Hostname = line.Trim();
                    break;
                case "addr" when parts.Length >= 2:
                    if (!facts.Addresses.TryGetValue(parts[0], out var list))
                    {
                        facts.Addresses[parts[0]] = list = [];
                    }

                    list.Add(parts[1].Split('/')[0]);
                    break;
                case "cpus":
                    facts.Cpus = int.TryParse(line, out var cpus) ? cpus : 0;
                    break;
                case "mem":
                    facts.MemoryMiB = long.TryParse(line, out var kib) ? kib / 1024 : 0;
                    break;
                case "swaps":
                    facts.ActiveSwaps = int.TryParse(line, out var swaps) ? swaps : 0;
                    break;
                case "virt":
                    facts.IsContainer = line.Trim() is { Length: > 0 } v && v != "none";
                    break;
                case "packages" when parts.Length >= 2:
                    facts.Packages[parts[0].Split(':')[0]] = parts[1];
                    break;
                case "held":
                    facts.HeldPackages[line.Trim()] = true;
                    break;
                case "units" when line.StartsWith("Id=", StringComparison.Ordinal):
                    unit = line[3..].Trim();
                    break;
                case "units" when line == "ActiveState=active" && unit is not null:
                    facts.ActiveUnits[unit] = true;
                    break;
                case "units" when line == "UnitFileState=enabled" && unit is not null:
                    facts.EnabledUnits[unit] = true;
                    break;
                case "modules":
                    facts.LoadedModules[line.Trim()] = true;
                    break;
                case "modes" when parts.Length >= 2:
                    modes[line[(line.IndexOf(' ') + 1)..]] = parts[0];
                    break;
                case "hashes" when line.Length > 66:
                    hashes[line[66..]] = line[..64];
                    break;
                case "exists":
                    facts.ExistingPaths[line.Trim()] = true;
                    break;
                case "sysctl" when line.Contains('='):
                    facts.Sysctls[line[..line.IndexOf('=')]] = line[(line.IndexOf('=') + 1)..];
                    break;
            }
        }

        foreach (var (path, mode) in modes)
        {
            if (hashes.TryGetValue(path, out var hash))
            {
                facts.Files[path] = new FileState(mode, hash);
            }
        }

        var os = OsRelease.Parse(osRelease.ToString());
        facts.OsId = os.GetValueOrDefault("ID", "");
        facts.OsVersion = os.GetValueOrDefault("VERSION_ID", "");
        facts.OsPrettyName = os.GetValueOrDefault("PRETTY_NAME", $"{facts.OsId} {facts.OsVersion}");
    }
}
