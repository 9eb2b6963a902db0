using Aspire.Hosting.ApplicationModel;

namespace Platform.Hosting.Publishing;

/// <summary>
/// Writes every artifact and index.json into a folder, all or nothing: files go to a staging folder
/// beside the output, which then replaces the output in one rename.
/// </summary>
public static class PlatformPublisher
{
    /// <summary>The name of the index file.</summary>
    public const string IndexFileName = "index.json";

    /// <summary>Renders the model and writes it to <paramref name="outputDirectory"/>; returns the index.</summary>
    /// <exception cref="PublishException">The folder cannot be written; nothing was changed.</exception>
    public static ArtifactIndex Publish(PlatformModel model, string outputDirectory)
        => Write(RenderContext.ForPublish(model), ArtifactRenderers.RenderAll(RenderContext.ForPublish(model)), outputDirectory);

    /// <summary>Writes already rendered artifacts; returns the index.</summary>
    public static ArtifactIndex Write(RenderContext context, IReadOnlyList<Artifact> artifacts, string outputDirectory)
    {
        var output = Path.GetFullPath(outputDirectory);
        CheckReplaceable(output);
        var parent = Path.GetDirectoryName(output) ?? throw new PublishException($"Cannot publish to the root folder '{output}'. Fix: pass --output with a sub-folder, for example ./publish.");
        var staging = Path.Combine(parent, $".{Path.GetFileName(output)}.staging-{Guid.NewGuid():N}");
        var index = ArtifactIndex.Create(context.Cluster.Name, context.Cluster.Version, artifacts);

        try
        {
            Directory.CreateDirectory(parent);
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PublishException($"Cannot write to '{output}': {e.Message} Fix: pass --output with a folder you can write to.", e);
        }

        try
        {
            foreach (var artifact in artifacts)
            {
                var path = Path.Combine(staging, artifact.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, artifact.Content);
            }

            File.WriteAllText(Path.Combine(staging, IndexFileName), index.ToJson());
            Swap(staging, output);
            return index;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            TryDelete(staging);
            throw new PublishException($"Writing '{output}' failed: {e.Message} Nothing was changed. Fix: free disk space or choose another --output folder.", e);
        }
    }

    private static void CheckReplaceable(string output)
    {
        if (File.Exists(output))
        {
            throw new PublishException($"'{output}' is a file. Fix: pass --output with a folder path.");
        }

        // Never replace a folder that is not a previous publish: --output ~ must not wipe a home folder.
        if (Directory.Exists(output) && Directory.EnumerateFileSystemEntries(output).Any() && !File.Exists(Path.Combine(output, IndexFileName)))
        {
            throw new PublishException($"'{output}' is not empty and holds no {IndexFileName}, so it is not an earlier publish. Fix: pass --output with a new or empty folder.");
        }
    }

    private static void Swap(string staging, string output)
    {
        if (!Directory.Exists(output))
        {
            Directory.Move(staging, output);
            return;
        }

        var previous = staging + ".previous";
        Directory.Move(output, previous);
        try
        {
            Directory.Move(staging, output);
        }
        catch
        {
            Directory.Move(previous, output);
            throw;
        }

        TryDelete(previous);
    }

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // A leftover staging folder is harmless; the output itself is consistent.
        }
    }
}
