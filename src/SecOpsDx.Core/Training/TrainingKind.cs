namespace SecOpsDx.Core.Training;

/// <summary>研修の種別. Stored as numbers: do not renumber.</summary>
public enum TrainingKind
{
    /// <summary>全職員研修.</summary>
    AllStaff = 1,
    /// <summary>新規採用職員研修.</summary>
    NewHire = 2,
    /// <summary>管理職研修.</summary>
    Managers = 3,
    /// <summary>標的型攻撃メール訓練 (and the follow-up training after one).</summary>
    PhishingDrill = 4,
    /// <summary>その他.</summary>
    Other = 5,
}

/// <summary>How a completion came to be recorded. Stored as numbers.</summary>
public enum CompletionMethod
{
    /// <summary>The person confirmed it themselves (with the quiz when the course has one).</summary>
    Self = 1,
    /// <summary>Recorded by a manager from a paper sheet (紙の受講票), with a reason.</summary>
    Paper = 2,
    /// <summary>Imported from an e-learning system's CSV.</summary>
    Import = 3,
}
