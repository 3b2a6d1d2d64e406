namespace SecOpsDx.Core.Auditing;

/// <summary>Who is making a change, as written into the audit trail.</summary>
public sealed record AuditActor(string? UserId, string Name)
{
    public static AuditActor System { get; } = new(null, "system");
}

/// <summary>Tells the data layer who is acting: the signed-in user, an API token or a command-line verb.</summary>
public interface ICurrentActor
{
    ValueTask<AuditActor> GetActorAsync();
}

/// <summary>A fixed actor, for command-line verbs, jobs and tests.</summary>
public sealed class FixedActor(AuditActor actor) : ICurrentActor
{
    public FixedActor(string name) : this(new AuditActor(null, name)) { }

    public ValueTask<AuditActor> GetActorAsync() => ValueTask.FromResult(actor);
}
