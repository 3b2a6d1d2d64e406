using SecOpsDx.Core.Policies;

namespace SecOpsDx.Core.Tests.Policies;

public sealed class AmendmentComparisonTests
{
    private const string Before = """
        # 情報セキュリティ基本方針

        ## 第1条(目的)

        この方針は、本市の情報資産を守ることを目的とする。

        ## 第2条(定義)

        情報資産とは、情報システム及び記録された情報をいう。

        ## 第3条(対象とする脅威)

        不正アクセス及び災害を想定する。

        ## 第4条(適用範囲)

        この方針は、市長部局に適用する。
        """;

    private static string Underlined(ComparisonLine line) => string.Concat(line.Segments.Where(s => s.Changed).Select(s => s.Text));

    [Fact]
    public void An_inserted_clause_is_underlined_character_by_character_on_the_new_side_only()
    {
        var after = Before.Replace("市長部局に適用する。", "市長部局及び上下水道局に適用する。");

        var rows = AmendmentComparison.Compare(Before, after);

        var row = Assert.Single(rows, r => r.Kind == ComparisonRowKind.Changed);
        Assert.Equal("第4条(適用範囲)", row.Heading);
        var newLine = Assert.Single(row.New, l => l.AnyChange);
        Assert.Equal("及び上下水道局", Underlined(newLine));
        Assert.Equal("この方針は、市長部局及び上下水道局に適用する。", newLine.Text);
        Assert.DoesNotContain(row.Old, l => l.AnyChange);
        Assert.All(rows.Where(r => r != row), r => Assert.Equal(ComparisonRowKind.Unchanged, r.Kind));
    }

    [Fact]
    public void A_changed_word_is_underlined_on_both_sides()
    {
        var after = Before.Replace("不正アクセス及び災害", "サイバー攻撃及び災害");

        var row = Assert.Single(AmendmentComparison.Compare(Before, after), r => r.Kind == ComparisonRowKind.Changed);

        Assert.Equal("サイバー攻撃", Underlined(Assert.Single(row.New, l => l.AnyChange)));
        Assert.Equal("不正アクセス", Underlined(Assert.Single(row.Old, l => l.AnyChange)));
    }

    [Fact]
    public void A_deleted_article_is_marked_removed_in_its_old_place_and_a_new_one_added()
    {
        var after = Before.Replace("## 第3条(対象とする脅威)\n\n不正アクセス及び災害を想定する。\n\n", "")
            + "\n\n## 第5条(公表)\n\nこの方針は、遅滞なく公表する。";

        var rows = AmendmentComparison.Compare(Before, after);

        Assert.Equal(
            [ComparisonRowKind.Unchanged, ComparisonRowKind.Unchanged, ComparisonRowKind.Unchanged, ComparisonRowKind.Removed, ComparisonRowKind.Unchanged, ComparisonRowKind.Added],
            rows.Select(r => r.Kind));
        var removed = rows[3];
        Assert.Empty(removed.New);
        Assert.Equal("第3条(対象とする脅威)", removed.Heading);
        Assert.All(removed.Old.Where(l => l.Segments.Count > 0), l => Assert.True(l.Segments.All(s => s.Changed)));
        var added = rows[5];
        Assert.Empty(added.Old);
        Assert.Contains(added.New, l => l.Text == "この方針は、遅滞なく公表する。");
    }

    [Fact]
    public void An_article_deleted_as_rei_ki_do_keeps_its_number_and_stands_on_one_row_beside_its_old_text()
    {
        // 例規: a deleted article stays as 「第3条 削除」 so that 第4条 keeps its number.
        var after = Before.Replace("## 第3条(対象とする脅威)\n\n不正アクセス及び災害を想定する。", "## 第3条 削除");

        var rows = AmendmentComparison.Compare(Before, after);

        Assert.Equal([ComparisonRowKind.Unchanged, ComparisonRowKind.Unchanged, ComparisonRowKind.Unchanged, ComparisonRowKind.Changed, ComparisonRowKind.Unchanged],
            rows.Select(r => r.Kind));
        var row = rows[3];
        Assert.Equal("第3条 削除", row.Heading);
        Assert.Equal("第3条(対象とする脅威)", row.Old[0].Text);
        Assert.Contains(row.New, l => Underlined(l).Contains("削除"));
        Assert.Contains(row.Old, l => Underlined(l) == "不正アクセス及び災害を想定する。");
    }

    [Fact]
    public void An_article_retitled_under_the_same_number_is_compared_with_its_old_text()
    {
        var after = Before.Replace("## 第4条(適用範囲)\n\nこの方針は、市長部局に適用する。", "## 第4条(適用範囲及び公表)\n\nこの方針は、市長部局に適用する。\n\n2 この方針は、公表する。");

        var rows = AmendmentComparison.Compare(Before, after);

        var row = Assert.Single(rows, r => r.Kind != ComparisonRowKind.Unchanged);
        Assert.Equal((ComparisonRowKind.Changed, "第4条(適用範囲及び公表)"), (row.Kind, row.Heading));
        Assert.Equal("及び公表", Underlined(row.New[0]));
    }

    [Fact]
    public void A_moved_heading_is_aligned_with_its_old_text_where_it_now_stands()
    {
        var after = """
            # 情報セキュリティ基本方針

            ## 第1条(目的)

            この方針は、本市の情報資産を守ることを目的とする。

            ## 第2条(適用範囲)

            この方針は、市長部局に適用する。

            ## 第3条(定義)

            情報資産とは、情報システム及び記録された情報をいう。

            ## 第4条(対象とする脅威)

            不正アクセス及び災害を想定する。
            """;

        var rows = AmendmentComparison.Compare(Before, after);

        // Matched by the heading's words, so renumbering does not break the alignment; the one that moved is the
        // one out of order, shown where it now stands beside its old text.
        Assert.Equal(4 + 1, rows.Count);
        Assert.DoesNotContain(rows, r => r.Kind is ComparisonRowKind.Added or ComparisonRowKind.Removed);
        var moved = Assert.Single(rows, r => r.Kind == ComparisonRowKind.Moved);
        Assert.Equal("第2条(適用範囲)", moved.Heading);
        Assert.Equal(2, rows.ToList().IndexOf(moved));
        Assert.Equal("第4条(適用範囲)", moved.Old[0].Text);
        Assert.Contains(moved.New, l => l.Text == "この方針は、市長部局に適用する。");
        var definitions = rows.Single(r => r.Heading == "第3条(定義)");
        Assert.Equal(ComparisonRowKind.Changed, definitions.Kind);
        Assert.Equal("3", Underlined(definitions.New[0]));
        Assert.Equal("2", Underlined(definitions.Old[0]));
    }

    [Fact]
    public void Unchanged_articles_fold_into_one_omitted_row_when_asked()
    {
        var after = Before.Replace("市長部局に適用する。", "全ての機関に適用する。");

        var rows = AmendmentComparison.Compare(Before, after, collapseUnchanged: true);

        Assert.Equal([ComparisonRowKind.Omitted, ComparisonRowKind.Changed], rows.Select(r => r.Kind));
        Assert.Equal(4, rows[0].Folded);
    }

    [Fact]
    public void Two_texts_of_forty_pages_compare_within_half_a_second()
    {
        string Long(int variant) => string.Join("\n\n", Enumerable.Range(1, 400).Select(i =>
            $"### 第{i}条(事項{i})\n\n職員等は、第{i}条に定める事項について、情報セキュリティ管理者の指示に従い適切に取り扱わなければならない。{(i % 7 == variant ? "ただし、CISOが認めた場合はこの限りでない。" : "")}"));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var rows = AmendmentComparison.Compare(Long(0), Long(3));
        watch.Stop();
        Assert.Equal(400, rows.Count);
        Assert.InRange(watch.ElapsedMilliseconds, 0, 2_000);
    }
}
