namespace SecOpsDx.Core.Policies;

/// <summary>The three layers of a municipality's policy (DOMAIN §1.1).</summary>
public enum PolicyKind
{
    /// <summary>基本方針: usually published.</summary>
    BasicPolicy,
    /// <summary>対策基準.</summary>
    Standards,
    /// <summary>実施手順: internal, may be restricted to some roles or departments.</summary>
    Procedure,
}

/// <summary>What a revision changes: 実質的改定 asks every reader to acknowledge again, 字句修正 does not.</summary>
public enum PolicyChange
{
    Material,
    Editorial,
}

/// <summary>The stored stage of a revision; whether an approved one is in force follows from the dates.</summary>
public enum PolicyRevisionStage
{
    Draft,
    AwaitingApproval,
    Approved,
}

/// <summary>The state a person sees: 下書き → 承認待ち → 承認済 → 施行中 → 改定により失効 / 廃止.</summary>
public enum PolicyRevisionState
{
    Draft,
    AwaitingApproval,
    Approved,
    InForce,
    Superseded,
    Abolished,
}
