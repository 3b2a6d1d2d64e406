namespace SecOpsDx.Core.Separation;

/// <summary>The longest text each field of the separation controls keeps, in characters (Core checks, columns, page counters).</summary>
public static class ControlLimits
{
    public const int ControlId = 20;
    /// <summary>A method code of a control (config methods: code), as kept with the status.</summary>
    public const int MethodCode = 40;
    /// <summary>The methods recorded on one state, as comma-separated codes.</summary>
    public const int Methods = 400;
    /// <summary>A control's name as kept for when it has left the catalogue (longer names are cut there).</summary>
    public const int ControlName = 300;
    public const int SystemName = 200;
    public const int Vendor = 200;
    public const int Reason = 2_000;
    public const int EvidenceText = 4_000;
    public const int VerificationNotes = 4_000;
    public const int EvidenceNote = 1_000;
    public const int CompensatingMeasures = 4_000;
    public const int OwnerName = 100;
    public const int SelfCheckSummary = 10_000;
    /// <summary>What was done to correct a self-check finding (是正の内容).</summary>
    public const int CorrectionNote = 4_000;
    public const int MaxTerminals = 100_000;
    /// <summary>An exception expiring within this many days is listed as expiring.</summary>
    public const int ExpiringWithinDays = 30;
    /// <summary>Evidence of a control: documents, exports and screenshots, not programs.</summary>
    public static readonly IReadOnlyList<string> EvidenceExtensions =
        [".pdf", ".txt", ".csv", ".log", ".xlsx", ".xls", ".docx", ".doc", ".png", ".jpg", ".jpeg", ".json", ".xml", ".zip", ".msg", ".eml"];
}
