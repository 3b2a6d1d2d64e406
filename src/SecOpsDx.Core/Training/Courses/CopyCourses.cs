using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Calendar;

namespace SecOpsDx.Core.Training;

/// <summary>
/// Copies a 年度's courses into the next (or any later) 年度 in one step: same titles, audiences and quizzes, dates
/// moved by the years between. Follow-up courses for named people are not copied, nor retired ones (no longer run),
/// nor a title the target has already.
/// </summary>
public sealed class CopyCourses(TrainingWrites writes)
{
    /// <returns>How many courses were created.</returns>
    public async Task<int> ExecuteAsync(FiscalYear from, FiscalYear to, CancellationToken ct = default)
    {
        if (to <= from) throw ValidationFailedException.For("fiscalYear", ErrorCodes.TooEarly, from.Next.StartYear);
        await using var db = await writes.OpenAsync(ct);
        var source = await db.TrainingCourses.AsNoTracking().Include(c => c.Questions)
            .Where(c => c.FiscalYear == from.StartYear && !c.NamedStaffOnly && c.RetiredAt == null).ToListAsync(ct);
        var existing = (await db.TrainingCourses.AsNoTracking().Where(c => c.FiscalYear == to.StartYear).Select(c => c.Title).ToListAsync(ct))
            .ToHashSet(StringComparer.Ordinal);
        var years = to.StartYear - from.StartYear;
        var copies = source.Where(c => !existing.Contains(c.Title)).Select(c => new TrainingCourse
        {
            FiscalYear = to.StartYear,
            Title = c.Title,
            Kind = c.Kind,
            MaterialUrl = c.MaterialUrl,
            OpensOn = c.OpensOn.AddYears(years),
            DueOn = c.DueOn.AddYears(years),
            DueDaysAfterHire = c.DueDaysAfterHire,
            AudienceDepartmentIds = c.AudienceDepartmentIds,
            AudienceRoles = c.AudienceRoles,
            AudienceCategories = c.AudienceCategories,
            AudienceHiredOnOrAfter = c.AudienceHiredOnOrAfter?.AddYears(years),
            PassMark = c.PassMark,
            Questions = c.Questions.Select(q => new TrainingQuestion { Order = q.Order, Text = q.Text, Choices = q.Choices, CorrectChoice = q.CorrectChoice }).ToList(),
        }).ToList();
        if (copies.Count == 0) throw new DomainException(ErrorCodes.NothingToCopy, from.StartYear);
        db.TrainingCourses.AddRange(copies);
        await db.SaveChangesAsync(ct);
        return copies.Count;
    }
}
