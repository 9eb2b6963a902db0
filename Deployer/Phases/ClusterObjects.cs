using Platform.Deployer.Ssh;
using Aspire.Hosting.ApplicationModel;
using Platform.Hosting.Publishing;

namespace Platform.Deployer.Phases;

/// <summary>
/// Applies cluster artifacts from the first control plane with kubectl (server-side apply): each file is
/// placed under /etc/kubernetes/platform, compared with the live cluster by <c>kubectl diff</c>, and applied
/// only when it differs, so a second run changes nothing.
/// </summary>
public static class ClusterObjects
{
    private const string Kubectl = AdminKubectl.Command;

    /// <summary>Where an artifact is placed on the first control plane.</summary>
    public static string PlacedPath(Artifact artifact) => $"{KubernetesPaths.AddOnsDirectory}/{artifact.Path}";

    /// <summary>Places, diffs and applies <paramref name="artifacts"/> in order.</summary>
    public static async Task ApplyAsync(HostStep step, IReadOnlyList<Artifact> artifacts, CancellationToken cancellationToken)
    {
        var files = artifacts.Select(a => (Artifact: a, File: DesiredFile.Text(PlacedPath(a), a.Content, "0600", a.Component))).ToList();
        var written = (await step.EnsureFilesAsync(files.Select(f => f.File), cancellationToken).ConfigureAwait(false)).Select(f => f.Path).ToHashSet();
        var clusterExists = step.Facts.ExistingPaths.ContainsKey(HostMarkers.AdminKubeconfig);
        var differing = clusterExists && written.Count < files.Count
            ? await DifferingAsync(step, files.Where(f => !written.Contains(f.File.Path)).Select(f => f.File.Path), cancellationToken).ConfigureAwait(false)
            : [];

        foreach (var (artifact, file) in files)
        {
            if (!written.Contains(file.Path) && !differing.Contains(file.Path) && clusterExists)
            {
                continue;
            }

            var reason = written.Contains(file.Path) ? "new or changed" : "live objects differ";
            await step.ChangeAsync($"apply {artifact.Path} ({reason})", async ct =>
            {
                var crds = ClusterManifests.RequiredCrds(artifact);
                if (crds.Count > 0)
                {
                    // A chart installs these CRDs; its job may still be running.
                    await step.RunAsync($"{Kubectl} wait --for=condition=Established --timeout=600s {string.Join(' ', crds.Select(c => "crd/" + c))}", ct, TimeSpan.FromMinutes(11)).ConfigureAwait(false);
                }

                await step.RunAsync($"{Kubectl} apply --server-side --force-conflicts --field-manager=platform -f {Shell.Quote(file.Path)}", ct, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
                if (artifact.Content.Contains("kind: CustomResourceDefinition", StringComparison.Ordinal))
                {
                    // Objects of a CRD are refused until the CRD is Established.
                    await step.RunAsync($"{Kubectl} wait --for=condition=Established --timeout=120s -f {Shell.Quote(file.Path)}", ct, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Applies a Secret's artifact from standard input when the live objects differ (or the cluster is new): it is never
    /// placed on disk, so no node keeps generated passwords under /etc/kubernetes/platform.
    /// </summary>
    public static async Task ApplyFromInputAsync(HostStep step, Artifact artifact, CancellationToken cancellationToken)
    {
        if (step.Facts.ExistingPaths.ContainsKey(HostMarkers.AdminKubeconfig))
        {
            var diff = await step.RunWithInputAsync($"{Kubectl} diff --server-side --force-conflicts --field-manager=platform -f - >/dev/null 2>&1", artifact.Content, cancellationToken, TimeSpan.FromMinutes(3)).ConfigureAwait(false);
            if (diff.Succeeded)
            {
                return;
            }
        }

        await step.ChangeAsync($"apply {artifact.Path} (values from the state folder, over standard input)", async ct =>
            (await step.RunWithInputAsync($"{Kubectl} apply --server-side --force-conflicts --field-manager=platform -f -", artifact.Content, ct, TimeSpan.FromMinutes(3)).ConfigureAwait(false)).EnsureSuccess(),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The placed files whose objects differ from the live cluster (kubectl diff exits 1).</summary>
    private static async Task<HashSet<string>> DifferingAsync(HostStep step, IEnumerable<string> paths, CancellationToken cancellationToken)
    {
        var list = paths.ToList();
        if (list.Count == 0)
        {
            return [];
        }

        var script = $"for f in {Shell.Join(list)}; do {Kubectl} diff --server-side --force-conflicts --field-manager=platform -f \"$f\" >/dev/null 2>&1; echo \"$? $f\"; done";
        var result = (await step.QueryAsync(script, cancellationToken, TimeSpan.FromMinutes(3)).ConfigureAwait(false)).EnsureSuccess();
        return result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => l.Split(' ', 2))
            .Where(p => p.Length == 2 && p[0] != "0")
            .Select(p => p[1].Trim())
            .ToHashSet();
    }
}
