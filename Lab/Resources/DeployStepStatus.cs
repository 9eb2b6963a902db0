namespace Platform.Lab.Resources;

/// <summary>Where one host stands in one Deployer phase.</summary>
public enum DeployStepStatus
{
    /// <summary>Not started.</summary>
    Pending,

    /// <summary>In progress.</summary>
    Running,

    /// <summary>Finished without error.</summary>
    Done,

    /// <summary>Finished with an error.</summary>
    Failed,

    /// <summary>Done by an earlier, interrupted apply.</summary>
    Resumed,

    /// <summary>The phase was not selected.</summary>
    Skipped,
}
