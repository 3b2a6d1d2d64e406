using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Separation;

/// <summary>The CISO office opens the 年度's self-check over the controls that apply under the model in force.</summary>
public sealed class OpenSelfCheck(ControlWrites writes)
{
    public async Task<int> ExecuteAsync(int? fiscalYear, CancellationToken ct = default)
    {
        var current = FiscalYear.Of(writes.Today).StartYear;
        if (fiscalYear is null) throw ValidationFailedException.For("fiscalYear", ErrorCodes.Required);
        if (fiscalYear > current) throw ValidationFailedException.For("fiscalYear", ErrorCodes.TooLate, current);
        if (fiscalYear < current - 5) throw ValidationFailedException.For("fiscalYear", ErrorCodes.TooEarly, current - 5);
        await using var db = await writes.OpenAsync(ct);
        var who = await writes.ActorAsync(db, ct);
        ControlWrites.RequireManager(who);
        if (await db.SelfChecks.AnyAsync(s => s.FiscalYear == fiscalYear, ct))
            throw ValidationFailedException.For("fiscalYear", ErrorCodes.SelfCheckExists, new FiscalYear(fiscalYear.Value).ToWesternString());
        var model = await db.SeparationSettings.Select(s => s.Model).FirstOrDefaultAsync(ct) ?? writes.Catalogue.DefaultModel;
        var row = new SelfCheck { FiscalYear = fiscalYear.Value, Model = model, OpenedAt = writes.Now, OpenedBy = who.Actor.Name };
        db.SelfChecks.Add(row);
        await db.SaveChangesAsync(ct);
        return row.Id;
    }
}
