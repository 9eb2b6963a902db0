namespace Platform.Lab.Machines;

/// <summary>One condition a booting machine must reach; polled until true or the boot timeout.</summary>
public interface IMachineWait
{
    /// <summary>What is awaited, for timeout messages.</summary>
    string Description { get; }

    /// <summary>True once the condition holds.</summary>
    Task<bool> UntilAsync(MachineLab lab, LabMachine machine, CancellationToken cancellationToken);
}
