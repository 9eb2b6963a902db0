using Platform.Deployer.Phases;

namespace Platform.Deployer.Tests.Phases;


public class PhaseSelectionTests
{
    [Fact]
    public void Parse_Only_RunsThoseAndThePrerequisites()
    {
        var selection = PhaseSelection.Parse(["etcd,load-balancer"], [], Pipeline.Phases);

        var included = Pipeline.Phases.Where(selection.Includes).Select(p => p.Name).ToArray();

        Assert.Equal(["connect", "os", "facts", "validate", "etcd", "load-balancer"], included);
    }

    [Fact]
    public void Parse_Skip_DropsThose()
    {
        var selection = PhaseSelection.Parse([], ["kubernetes-packages", "init"], Pipeline.Phases);

        Assert.DoesNotContain(Pipeline.Phases.Where(selection.Includes), p => p.Name is "kubernetes-packages" or "init");
        Assert.Contains(Pipeline.Phases.Where(selection.Includes), p => p.Name == "verify");
    }

    [Fact]
    public void Parse_UnknownName_ListsTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => PhaseSelection.Parse(["etc"], [], Pipeline.Phases));

        Assert.Contains("Unknown phase 'etc'", e.Message, StringComparison.Ordinal);
        Assert.Contains("connect, os, facts, validate, prepare, etcd", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SkippingAPrerequisite_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => PhaseSelection.Parse([], ["connect"], Pipeline.Phases));

        Assert.Contains("connect cannot be skipped", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pipeline_Order_IsTheDocumentedOne()
    {
        Assert.Equal(
            ["connect", "os", "facts", "validate", "prepare", "etcd", "load-balancer", "kubernetes-packages", "init", "api-server-etcd", "join-control-planes", "join-workers", "cni", "addons", "verify"],
            Pipeline.Phases.Select(p => p.Name));
    }
}
