using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Inventory;

/// <summary>The inventory is malformed or does not match the model; <see cref="Problems"/> lists every difference. Nothing was touched.</summary>
public sealed class InventoryException(string file, IReadOnlyList<string> problems)
    : PlatformException($"Inventory {file} has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was touched:" + Environment.NewLine
        + string.Join(Environment.NewLine, problems.Select((p, i) => $"  {i + 1}. {p}")))
{
    /// <summary>The inventory file.</summary>
    public string File { get; } = file;

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
