namespace SecOpsDx.Core.Policies;

/// <summary>The choices a municipality makes about its policy register ("SecOpsDx:Policies").</summary>
public sealed class PolicySettings
{
    /// <summary>Whether the person who drafted a revision may approve it. Most bodies forbid it.</summary>
    public bool AllowSelfApproval { get; set; }

    /// <summary>Whether a policy file whose front matter says approved: true is imported as approved rather than as a draft.</summary>
    public bool SyncMayApprove { get; set; }

    /// <summary>新旧対照表 with 改正後 on the left (the common form); false puts 改正前 on the left.</summary>
    public bool NewOnLeft { get; set; } = true;
}
