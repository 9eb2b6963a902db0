using Aspire.Hosting.ApplicationModel;

namespace Platform.Deployer.Steps;

/// <summary>A deploy option or parameter is wrong; the message names each key and its fix. Nothing was touched.</summary>
public sealed class DeployInputException(IReadOnlyList<string> problems)
    : PlatformException($"The deploy input has {problems.Count} problem{(problems.Count == 1 ? "" : "s")}; nothing was touched:\n  {string.Join("\n  ", problems)}")
{
    /// <summary>Each problem with its fix.</summary>
    public IReadOnlyList<string> Problems { get; } = problems;
}
