using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Core.Separation;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Hosting;
using SecOpsDx.Web.Resources;

namespace SecOpsDx.Web.Features.Separation;

/// <summary>
/// The words of the control lists (matrix, verification calendar, exceptions, a self-check's lines), column by column:
/// the pages show these cells and the exports write them. Where a page cell stacks several lines, the file's cell
/// holds them as lines too.
/// </summary>
public static class ControlTables
{
    private static bool En => AppCultures.IsEnglish;

    public static string ControlName(ControlDefinition control) => $"{control.Id} {control.Name(En)}";

    public static IReadOnlyList<string> MatrixHeaders(IStringLocalizer<ControlText> t, ControlCatalogue catalogue) =>
        [t["Col.Control"], .. catalogue.Segments.Select(s => s.Label(En))];

    /// <summary>The status word where the control applies under the model; "not under the model" where the model leaves out a segment it covers; else empty.</summary>
    public static string MatrixCell(MatrixRow row, MatrixCell cell, IStringLocalizer<ControlText> t) =>
        cell.Applies ? t.Status(cell.Status)
        : row.Control.Segments.Contains(cell.Segment) ? t["Matrix.NotUnderModel"]
        : "";

    public static ExportTable Matrix(ControlMatrix matrix, IStringLocalizer<ControlText> t, ControlCatalogue catalogue) =>
        new(MatrixHeaders(t, catalogue), matrix.Rows.Select(r => (ExportCell[])[ControlName(r.Control), .. r.Cells.Select(c => (ExportCell)MatrixCell(r, c, t))]).ToList());

    public static IReadOnlyList<string> DueHeaders(IStringLocalizer<ControlText> t) =>
        [t["Col.Id"], t["Col.Name"], t["Col.System"], t["Col.Owner"], t["Col.LastVerified"], t["Col.NextDue"]];

    public static ExportCell[] DueCells(DueItem i, IStringLocalizer<ControlText> t, DateDisplayStyle style) =>
    [
        i.ControlId, En ? i.ControlEn : i.ControlJa, i.SystemName ?? t["Common.WholeControl"], i.Owner ?? t["Common.Unassigned"],
        i.LastVerifiedOn is { } last ? ExportCell.Date(last, style) : t["Common.Never"].Value,
        i.DueOn is { } due ? ExportCell.Date(due, style) : t["Due.Now"].Value,
    ];

    /// <summary>The page's two lists in one file, overdue first: a first column names the list (the page's heading) each row is under.</summary>
    public static ExportTable Due(DueList due, IStringLocalizer<ControlText> t, IStringLocalizer<ExportText> x, DateDisplayStyle style) =>
        new([x["Col.DueList"], .. DueHeaders(t)],
            due.Overdue.Select(i => (ExportCell[])[t["Due.Overdue"].Value, .. DueCells(i, t, style)])
                .Concat(due.DueThisMonth.Select(i => (ExportCell[])[t["Due.ThisMonth"].Value, .. DueCells(i, t, style)])).ToList());

    public static IReadOnlyList<string> ExceptionHeaders(IStringLocalizer<ControlText> t) =>
        [t["Col.Control"], t["Col.State"], t["Col.Reason"], t["Col.Measures"], t["Col.ExpiresOn"], t["Col.Approval"]];

    private static string ExceptionControl(ExceptionRow e) => $"{e.ControlId} {(En ? e.ControlEn : e.ControlJa)}";

    /// <summary>Who approved and when; for a request not approved yet, who asked (after a mark when its control was retired).</summary>
    public static string Approval(ExceptionRow e, IStringLocalizer<ControlText> t, DateDisplayStyle style) =>
        e.ApprovedAt is { } at ? $"{e.ApprovedBy} {DisplayDates.Format(at, style, withTime: false)}"
        : e.State == ExceptionState.Pending && e.ControlRetired ? Lines(t["Nav.Retired"], t["Exceptions.RequestedBy", e.RequestedBy])
        : t["Exceptions.RequestedBy", e.RequestedBy];

    public static ExportCell[] ExceptionCells(ExceptionRow e, IStringLocalizer<ControlText> t, DateDisplayStyle style) =>
    [
        Lines(ExceptionControl(e), e.SystemName), t.Exception(e.State), e.Reason, e.CompensatingMeasures,
        ExportCell.Date(e.ExpiresOn, style), Approval(e, t, style),
    ];

    public static ExportTable Exceptions(IReadOnlyList<ExceptionRow> rows, IStringLocalizer<ControlText> t, DateDisplayStyle style) =>
        new(ExceptionHeaders(t), rows.Select(e => ExceptionCells(e, t, style)).ToList());

    public static IReadOnlyList<string> SelfCheckHeaders(IStringLocalizer<ControlText> t) =>
        [t["Col.Control"], t["Col.Owner"], t["SelfCheck.Answer"], t["SelfCheck.Finding"]];

    /// <summary>A finding as the page heads it: the corrective action, who owns it and by when.</summary>
    public static string Finding(SelfCheckFindingRow f, DateDisplayStyle style) => $"{f.CorrectiveAction} ({f.Owner}, {DisplayDates.Format(f.DueOn, style)})";

    public static string Correction(FindingCorrection done, IStringLocalizer<ControlText> t, DateDisplayStyle style) =>
        $"{t["SelfCheck.Corrected"]} {DisplayDates.Format(done.On, style)} ({t["SelfCheck.CorrectedRecordedBy", done.By]})";

    /// <param name="today">Japan's today: an open finding past its corrective-action date is marked 期限超過, as on the page.</param>
    public static ExportCell[] SelfCheckCells(SelfCheckLine line, IStringLocalizer<ControlText> t, DateDisplayStyle style, DateOnly today) =>
    [
        ControlName(line.Control),
        line.Owner ?? t["Common.Unassigned"],
        Lines(line.Answer is { } a ? t.Status(a) : t["SelfCheck.NotAnswered"], line.Note),
        line.Finding is { } f
            ? Lines(Finding(f, style), f.WithdrawnAt is null ? null : t["SelfCheck.Withdrawn"].Value,
                f.IsOpen && f.DueOn < today ? t["Common.Overdue"].Value : null,
                f.Correction is { } done ? Correction(done, t, style) : null, f.Correction?.Note)
            : "",
    ];

    public static ExportTable SelfCheck(SelfCheckDetail detail, IStringLocalizer<ControlText> t, DateDisplayStyle style, DateOnly today) =>
        new(SelfCheckHeaders(t), detail.Lines.Select(l => SelfCheckCells(l, t, style, today)).ToList());

    /// <summary>The parts a page cell stacks, one a line; the empty ones left out.</summary>
    private static string Lines(params string?[] parts) => string.Join("\n", parts.Where(p => !string.IsNullOrEmpty(p)));
}
