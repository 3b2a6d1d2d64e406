using System.Text.RegularExpressions;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace SecOpsDx.Core.Policies;

/// <summary>A run of text on one side of the table; <see cref="Changed"/> runs are underlined (傍線).</summary>
public sealed record ComparisonSegment(string Text, bool Changed);

public sealed record ComparisonLine(IReadOnlyList<ComparisonSegment> Segments)
{
    public string Text => string.Concat(Segments.Select(s => s.Text));
    public bool AnyChange => Segments.Any(s => s.Changed);
}

public enum ComparisonRowKind
{
    Unchanged,
    Changed,
    /// <summary>(新設): only on the new side.</summary>
    Added,
    /// <summary>(削る): only on the old side.</summary>
    Removed,
    /// <summary>The same heading at another place; shown where it now stands.</summary>
    Moved,
    /// <summary>Unchanged rows folded into one 略.</summary>
    Omitted,
}

/// <summary>One article or heading, side by side; for <see cref="ComparisonRowKind.Omitted"/> the count of rows folded.</summary>
public sealed record ComparisonRow(ComparisonRowKind Kind, string Heading, IReadOnlyList<ComparisonLine> New, IReadOnlyList<ComparisonLine> Old, int Folded = 0);

/// <summary>
/// 新旧対照表: the two texts cut into articles and headings, aligned by heading (so an article that moved is found where
/// it now stands), and within a changed article, lines matched and the changed characters marked on both sides.
/// Characters, not words: Japanese has no spaces between words.
/// </summary>
public static partial class AmendmentComparison
{
    /// <summary>Number: the article's number (第10条, 第15条の2) when the heading is an article, else empty.</summary>
    private sealed record Block(string Key, string Heading, string Text, string Number);

    public static IReadOnlyList<ComparisonRow> Compare(string oldMarkdown, string newMarkdown, bool collapseUnchanged = false)
    {
        var olds = Blocks(oldMarkdown);
        var news = Blocks(newMarkdown);
        var oldByKey = olds.Select((b, i) => (b, i)).ToDictionary(x => x.b.Key, x => x.i);
        var pairs = news.Select(n => oldByKey.TryGetValue(n.Key, out var j) ? j : -1).ToArray();
        // An article whose heading words changed but whose number stayed is the same article: 例規 keep a deleted one
        // as 「第10条 削除」 so that the ones after keep their numbers, and a retitled one keeps its number. Paired by
        // number, it shows on one row, the changes marked, rather than as (新設) beside a (削る).
        var claimed = pairs.Where(j => j >= 0).ToHashSet();
        for (var i = 0; i < news.Count; i++)
        {
            if (pairs[i] >= 0 || news[i].Number.Length == 0) continue;
            var j = Enumerable.Range(0, olds.Count).FirstOrDefault(k => olds[k].Number == news[i].Number && !claimed.Contains(k), -1);
            if (j < 0) continue;
            pairs[i] = j;
            claimed.Add(j);
        }
        var inPlace = LongestIncreasing(pairs);
        var rows = new List<ComparisonRow>();
        var emittedOld = new bool[olds.Count];
        var lastOld = -1;

        for (var i = 0; i < news.Count; i++)
        {
            var n = news[i];
            var j = pairs[i];
            if (j < 0)
            {
                rows.Add(new ComparisonRow(ComparisonRowKind.Added, n.Heading, Whole(n.Text, true), []));
                continue;
            }
            var o = olds[j];
            emittedOld[j] = true;
            if (!inPlace.Contains(i))
            {
                // Out of order against the rest: shown where it now stands, beside its old text, all of it marked.
                rows.Add(new ComparisonRow(ComparisonRowKind.Moved, n.Heading, Whole(n.Text, true), Whole(o.Text, true)));
                continue;
            }
            // Articles removed before this one's old place are shown before it, as offices do.
            for (var k = lastOld + 1; k < j; k++)
            {
                if (emittedOld[k] || claimed.Contains(k)) continue;
                rows.Add(new ComparisonRow(ComparisonRowKind.Removed, olds[k].Heading, [], Whole(olds[k].Text, true)));
                emittedOld[k] = true;
            }
            lastOld = j;
            if (o.Text == n.Text)
            {
                rows.Add(new ComparisonRow(ComparisonRowKind.Unchanged, n.Heading, Whole(n.Text, false), Whole(o.Text, false)));
                continue;
            }
            var (newLines, oldLines) = Lines(o.Text, n.Text);
            rows.Add(new ComparisonRow(ComparisonRowKind.Changed, n.Heading, newLines, oldLines));
        }
        for (var k = 0; k < olds.Count; k++)
            if (!emittedOld[k] && !claimed.Contains(k))
                rows.Add(new ComparisonRow(ComparisonRowKind.Removed, olds[k].Heading, [], Whole(olds[k].Text, true)));

        return collapseUnchanged ? Collapse(rows) : rows;
    }

    private static List<ComparisonRow> Collapse(List<ComparisonRow> rows)
    {
        var result = new List<ComparisonRow>();
        var run = new List<ComparisonRow>();
        void Flush()
        {
            if (run.Count == 1) result.Add(run[0]);
            else if (run.Count > 1) result.Add(new ComparisonRow(ComparisonRowKind.Omitted, run[0].Heading + " ～ " + run[^1].Heading, [], [], run.Count));
            run.Clear();
        }
        foreach (var r in rows)
        {
            if (r.Kind == ComparisonRowKind.Unchanged) { run.Add(r); continue; }
            Flush();
            result.Add(r);
        }
        Flush();
        return result;
    }

    private static List<ComparisonLine> Whole(string text, bool changed) =>
        text.Split('\n').Select(l => new ComparisonLine(l.Length == 0 ? [] : [new ComparisonSegment(l, changed)])).ToList();

    private static (List<ComparisonLine> New, List<ComparisonLine> Old) Lines(string oldText, string newText)
    {
        var model = SideBySideDiffBuilder.Diff(new Differ(), oldText, newText, ignoreWhiteSpace: false, ignoreCase: false,
            LineChunker.Instance, CharacterChunker.Instance);
        return (Side(model.NewText), Side(model.OldText));
    }

    private static List<ComparisonLine> Side(DiffPaneModel pane)
    {
        var lines = new List<ComparisonLine>();
        foreach (var line in pane.Lines)
        {
            switch (line.Type)
            {
                case ChangeType.Imaginary:
                    // Blank padding where the other side has a line this one lacks.
                    lines.Add(new ComparisonLine([]));
                    break;
                case ChangeType.Unchanged:
                    lines.Add(new ComparisonLine(line.Text is { Length: > 0 } t ? [new ComparisonSegment(t, false)] : []));
                    break;
                case ChangeType.Modified:
                    lines.Add(new ComparisonLine(Merge(line.SubPieces
                        .Where(p => p.Type != ChangeType.Imaginary && p.Text is not null)
                        .Select(p => new ComparisonSegment(p.Text!, p.Type != ChangeType.Unchanged)))));
                    break;
                default:
                    lines.Add(new ComparisonLine(line.Text is { Length: > 0 } x ? [new ComparisonSegment(x, true)] : []));
                    break;
            }
        }
        return lines;
    }

    /// <summary>Joins neighbouring characters of the same kind into one run.</summary>
    private static List<ComparisonSegment> Merge(IEnumerable<ComparisonSegment> pieces)
    {
        var result = new List<ComparisonSegment>();
        foreach (var p in pieces)
        {
            if (result.Count > 0 && result[^1].Changed == p.Changed) result[^1] = result[^1] with { Text = result[^1].Text + p.Text };
            else result.Add(p);
        }
        return result;
    }

    [GeneratedRegex(@"^(#{1,6})\s+(.*)$")]
    private static partial Regex HeadingPattern();

    [GeneratedRegex(@"^第[0-9０-９一二三四五六七八九十百]+[章節条款]\s*")]
    private static partial Regex NumberPattern();

    /// <summary>An article's number with any branch number: 第10条, 第15条の2.</summary>
    [GeneratedRegex(@"^第[0-9０-９一二三四五六七八九十百]+条(の[0-9０-９一二三四五六七八九十]+)?")]
    private static partial Regex ArticleNumberPattern();

    /// <summary>Cuts Markdown at each heading; the heading's words without its number are the key, so renumbering still aligns.</summary>
    /// <summary>Positions (in the new text) of the longest run of matched articles that keep their old order.</summary>
    private static HashSet<int> LongestIncreasing(int[] oldIndexes)
    {
        var tails = new List<int>();          // position in oldIndexes of the smallest tail of each length
        var previous = new int[oldIndexes.Length];
        for (var i = 0; i < oldIndexes.Length; i++)
        {
            if (oldIndexes[i] < 0) continue;
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (oldIndexes[tails[mid]] < oldIndexes[i]) lo = mid + 1; else hi = mid;
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count) tails.Add(i); else tails[lo] = i;
        }
        var result = new HashSet<int>();
        for (var i = tails.Count > 0 ? tails[^1] : -1; i >= 0; i = previous[i]) result.Add(i);
        return result;
    }

    private static List<Block> Blocks(string markdown)
    {
        var blocks = new List<Block>();
        var counts = new Dictionary<string, int>();
        string heading = "", key = "", number = "";
        var lines = new List<string>();
        void Flush()
        {
            while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
            if (lines.Count == 0 && heading.Length == 0) return;
            var n = counts[key] = counts.GetValueOrDefault(key) + 1;
            blocks.Add(new Block(n == 1 ? key : $"{key}#{n}", heading, string.Join('\n', lines), number));
            lines.Clear();
        }
        foreach (var raw in (markdown ?? "").Replace("\r\n", "\n").Split('\n'))
        {
            var line = raw.TrimEnd();
            var m = HeadingPattern().Match(line);
            if (m.Success)
            {
                Flush();
                heading = m.Groups[2].Value.Trim();
                var words = NumberPattern().Replace(heading, "").Trim();
                key = m.Groups[1].Value.Length + ":" + (words.Length > 0 ? words : heading);
                number = ArticleNumberPattern().Match(heading) is { Success: true } a ? m.Groups[1].Value.Length + ":" + a.Value : "";
                lines.Add(heading);
                continue;
            }
            if (lines.Count == 0 && line.Length == 0) continue;
            lines.Add(line);
        }
        Flush();
        return blocks;
    }
}
