namespace SecOpsDx.Core.Auditing;

/// <summary>
/// Set by command-line verbs and background jobs for their scope, so their changes are audited under
/// their own name rather than as an anonymous web request.
/// </summary>
public sealed class ActorOverride
{
    public AuditActor? Actor { get; set; }
}
