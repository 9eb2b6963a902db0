using System.Net;
using k8s;
using k8s.Autorest;

namespace Platform.Lab.Kubernetes;

/// <summary>
/// One condition in the cluster to wait for, polled by <see cref="ReadinessWaiter"/>: each check says whether
/// it holds and what it saw, so a timeout can say what was waited for and what was there instead.
/// </summary>
public abstract class UntilClusterCondition
{
    /// <summary>What is awaited, e.g. <c>Job kube-system/helm-install-x Complete</c>.</summary>
    public abstract string Description { get; }

    /// <summary>Where to look when it does not happen (appended to the timeout message).</summary>
    public virtual string Hint => "";

    /// <summary>Checks once: whether the condition holds, and what was seen.</summary>
    /// <exception cref="Aspire.Hosting.ApplicationModel.PlatformException">The object reached a state it will not leave (a failed Job).</exception>
    public abstract Task<(bool Ready, string Seen)> CheckAsync(IKubernetes client, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Description;

    /// <summary>True when the API answered 404 (the object is not created yet).</summary>
    protected static bool IsNotFound(Exception exception) => exception is HttpOperationException { Response.StatusCode: HttpStatusCode.NotFound };
}
