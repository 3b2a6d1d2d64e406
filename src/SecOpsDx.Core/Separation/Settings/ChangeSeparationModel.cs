using Microsoft.EntityFrameworkCore;

namespace SecOpsDx.Core.Separation;

/// <summary>
/// The CISO office sets the municipality's model. Nothing recorded is touched: applicability is worked out from
/// the model when read, so a control that stops applying keeps its status, verifications and evidence.
/// </summary>
public sealed class ChangeSeparationModel(ControlWrites writes)
{
    public async Task ExecuteAsync(string? model, CancellationToken ct = default)
    {
        var code = model?.Trim().ToLowerInvariant();
        if (writes.Catalogue.Model(code) is null)
            throw ValidationFailedException.For("model", ErrorCodes.OneOf, string.Join(", ", writes.Catalogue.Models.Select(m => m.Ja)));
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        ControlWrites.RequireManager(who);
        var setting = await db.SeparationSettings.SingleOrDefaultAsync(ct);
        var from = setting?.Model ?? writes.Catalogue.DefaultModel;
        if (from == code && setting is not null) return;
        if (setting is null) db.SeparationSettings.Add(new SeparationSetting { Model = code!, ChangedAt = writes.Now, ChangedBy = who.Actor.Name });
        else (setting.Model, setting.ChangedAt, setting.ChangedBy) = (code!, writes.Now, who.Actor.Name);
        db.SeparationModelChanges.Add(new SeparationModelChange { FromModel = from, ToModel = code!, ChangedAt = writes.Now, ChangedBy = who.Actor.Name });
        await db.SaveOrConflictAsync(ct);
    }
}
