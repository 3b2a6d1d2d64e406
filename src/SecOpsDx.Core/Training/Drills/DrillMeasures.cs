namespace SecOpsDx.Core.Training;

/// <summary>
/// What a drill's figures can tell under the municipality's 三層の対策 model. Under α and α′ internet mail reaches the
/// LGWAN-side terminals as text only (DOMAIN §2.2; control LG-02 メール無害化(テキスト化) in
/// config/three-layer-controls.yaml applies to alpha and alpha-prime). The drill mail's tracking image then never loads,
/// so an open rate means nothing, and the gateway's URL scanners may follow the links, so some "Clicked Link" results
/// are the scanner's and not the person's (DOMAIN §9, Gophish results). Click and report rates are what the CISO reads.
/// </summary>
public sealed record DrillMeasures(string Model, bool MailArrivesAsText)
{
    /// <summary>The models whose terminals get mail as text (DOMAIN §2.2, LG-02).</summary>
    public static readonly IReadOnlySet<string> TextMailModels = new HashSet<string>(StringComparer.Ordinal) { "alpha", "alpha-prime" };

    public static DrillMeasures For(string model) => new(model, TextMailModels.Contains(model));

    /// <summary>Whether opens were measured at all: not when mail arrives as text.</summary>
    public bool OpensMeasured => !MailArrivesAsText;

    /// <summary>The open rate, or null when it means nothing under the model.</summary>
    public double? OpenRate(DrillCounts counts) => OpensMeasured ? counts.Rate(counts.Opened) : null;
}
