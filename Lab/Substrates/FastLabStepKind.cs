namespace Platform.Lab.Substrates;

/// <summary>What a step of the fast lab does.</summary>
public enum FastLabStepKind
{
    /// <summary>Server-side apply of objects.</summary>
    Apply,

    /// <summary>Wait until CustomResourceDefinitions are Established (objects of their kinds are refused before).</summary>
    WaitForCrds,

    /// <summary>Wait for a readiness check (Job complete, Deployment available, Elasticsearch green...).</summary>
    WaitReady,

    /// <summary>Wait until a published NodePort answers on 127.0.0.1.</summary>
    WaitEndpoint,
}
