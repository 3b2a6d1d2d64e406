using System.Globalization;
using DocumentFormat.OpenXml.Wordprocessing;

namespace SecOpsDx.Web.Components.Shared;

/// <summary>
/// A bordered table for the Word files, as the schema orders it: properties, then the column grid (<c>w:tblGrid</c>,
/// which readers that follow the schema need to lay the table out), then rows. Widths are in twentieths of a point
/// and add up to the width between the margins, so the table fills the line in every reader.
/// </summary>
public static class WordTable
{
    /// <summary>An empty table whose columns have the widths given (in twips); add rows made with <see cref="Cell"/>.</summary>
    public static Table Create(params int[] columnTwips)
    {
        var total = columnTwips.Sum();
        var table = new Table(
            new TableProperties(
                new TableWidth { Width = Twips(total), Type = TableWidthUnitValues.Dxa },
                new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }),
                new TableLayout { Type = TableLayoutValues.Fixed }),
            new TableGrid(columnTwips.Select(w => new GridColumn { Width = Twips(w) })));
        return table;
    }

    /// <summary>A cell of the width of its column, holding the paragraphs given (a cell needs at least one).</summary>
    public static TableCell Cell(int widthTwips, IEnumerable<Paragraph> paragraphs)
    {
        var cell = new TableCell(new TableCellProperties(new TableCellWidth { Width = Twips(widthTwips), Type = TableWidthUnitValues.Dxa }));
        var any = false;
        foreach (var p in paragraphs) { cell.Append(p); any = true; }
        if (!any) cell.Append(new Paragraph());
        return cell;
    }

    /// <summary>The width between the margins of a page (both in twips), to split among the columns.</summary>
    public static int Between(int pageWidth, int leftMargin, int rightMargin) => pageWidth - leftMargin - rightMargin;

    private static string Twips(int w) => w.ToString(CultureInfo.InvariantCulture);
}
