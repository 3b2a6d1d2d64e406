using System.Text;
using SecOpsDx.Core.Organization.Roster;

namespace SecOpsDx.Core.Tests.Organization.Roster;

public class RosterReaderTests
{
    private const string Header = "職員番号,氏名,ふりがな,所属コード,所属名,役職,メールアドレス,採用日,退職日";

    private static RosterFile Read(byte[] bytes) => RosterReader.Read(bytes);

    private static RosterFile ReadUtf8(params string[] lines) => Read(Encoding.UTF8.GetBytes(string.Join("\r\n", lines)));

    [Fact]
    public void A_Shift_JIS_file_with_vendor_characters_round_trips()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var cp932 = Encoding.GetEncoding(932);
        var text = Header + "\r\n" + "1001,髙橋 一郎,たかはし いちろう,1010,総務課,主事,,,\r\n1002,山﨑 花子,やまさき はなこ,1010,総務課,,,,\r\n";
        var bytes = cp932.GetBytes(text);
        Assert.Equal(text, cp932.GetString(bytes)); // the test data itself survives CP932

        var file = Read(bytes);

        Assert.Null(file.FileError);
        Assert.Equal("Shift_JIS", file.EncodingName);
        Assert.Equal("髙橋 一郎", file.Records[0][RosterColumn.FullName]);
        Assert.Equal("山﨑 花子", file.Records[1][RosterColumn.FullName]);
        Assert.Contains('\u9AD9', file.Records[0][RosterColumn.FullName]!);
        Assert.Contains('\uFA11', file.Records[1][RosterColumn.FullName]!);
    }

    [Fact]
    public void A_UTF8_file_with_a_BOM_is_read_as_UTF8_and_the_BOM_is_not_part_of_the_first_header()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Header + "\n1001,髙橋 一郎,,1010,総務課,,,,\n")).ToArray();

        var file = Read(bytes);

        Assert.Null(file.FileError);
        Assert.Equal("UTF-8", file.EncodingName);
        Assert.Equal("職員番号", file.Headers[RosterColumn.EmployeeNumber]);
        Assert.Equal("1001", file.Records[0][RosterColumn.EmployeeNumber]);
        Assert.Equal("髙橋 一郎", file.Records[0][RosterColumn.FullName]);
    }

    [Fact]
    public void A_UTF8_file_without_a_BOM_is_read_as_UTF8()
    {
        var file = Read(new UTF8Encoding(false).GetBytes(Header + "\n1001,山﨑 花子,,1010,総務課,,,,\n"));

        Assert.Null(file.FileError);
        Assert.Equal("UTF-8", file.EncodingName);
        Assert.Equal("山﨑 花子", file.Records[0][RosterColumn.FullName]);
    }

    [Theory]
    [InlineData("employee_number,name,department_code,kana,title,email,hired_on,retired_on")]
    [InlineData("EmployeeNumber,Full_Name,Department_Code,Furigana,Position,Mail,Hire_Date,Retirement_Date")]
    [InlineData("Employee Number , FULL_NAME,　department_code　,KANA,TITLE,EMAIL,HIRE_DATE,RETIRED_ON")]
    public void English_headers_are_recognised_whatever_their_case_spacing_or_underscores(string header)
    {
        var file = ReadUtf8(header, "1001,Taro,1010,たろう,主事,taro@example.jp,2020-04-01,");

        Assert.Null(file.FileError);
        var row = file.Records.Single();
        Assert.Equal("1001", row[RosterColumn.EmployeeNumber]);
        Assert.Equal("Taro", row[RosterColumn.FullName]);
        Assert.Equal("1010", row[RosterColumn.DepartmentCode]);
        Assert.Equal("たろう", row[RosterColumn.Kana]);
        Assert.Equal("主事", row[RosterColumn.Title]);
        Assert.Equal("taro@example.jp", row[RosterColumn.Email]);
        Assert.Equal("2020-04-01", row[RosterColumn.HiredOn]);
        Assert.Equal("", row[RosterColumn.RetiredOn]);
    }

    [Fact]
    public void Japanese_headers_surrounded_by_full_width_spaces_are_recognised()
    {
        var file = ReadUtf8("　職員番号　, 氏名 ,所属コード", "1001,山田,1010");

        Assert.Null(file.FileError);
        Assert.Equal("職員番号", file.Headers[RosterColumn.EmployeeNumber]);
    }

    [Fact]
    public void Quoted_fields_may_hold_commas_quotes_and_line_breaks_and_line_numbers_stay_physical()
    {
        var file = ReadUtf8(
            "職員番号,氏名,所属コード,役職",
            "1001,\"山田, 太郎\",1010,\"主事\"",
            "1002,\"鈴木",
            "次郎\",1010,\"係長 \"\"兼\"\" 主査\"",
            "1003,佐藤,1010,");

        Assert.Null(file.FileError);
        Assert.Equal(3, file.Records.Count);
        Assert.Equal("山田, 太郎", file.Records[0][RosterColumn.FullName]);
        Assert.Equal("鈴木\r\n次郎", file.Records[1][RosterColumn.FullName]);
        Assert.Equal("係長 \"兼\" 主査", file.Records[1][RosterColumn.Title]);
        Assert.Equal([2, 3, 5], file.Records.Select(r => r.Line));
    }

    [Fact]
    public void Empty_lines_are_skipped_but_still_counted_in_line_numbers()
    {
        var file = ReadUtf8("職員番号,氏名,所属コード", "", "1001,山田,1010", ",,", "", "1002,鈴木,1010", "");

        Assert.Equal([3, 6], file.Records.Select(r => r.Line));
    }

    [Fact]
    public void Unknown_extra_columns_are_ignored()
    {
        var file = ReadUtf8("職員番号,備考,氏名,内線,所属コード", "1001,異動予定,山田,1234,1010");

        Assert.Null(file.FileError);
        var row = file.Records.Single();
        Assert.Equal(3, row.Values.Count);
        Assert.Equal("山田", row[RosterColumn.FullName]);
        Assert.Null(row[RosterColumn.Title]);
    }

    [Fact]
    public void A_missing_required_column_is_a_file_error_naming_it()
    {
        var file = ReadUtf8("職員番号,氏名,所属名", "1001,山田,総務課");

        Assert.Equal(ErrorCodes.RosterMissingColumns, file.FileError?.Code);
        Assert.Contains("所属コード", (string)file.FileError!.Args[0]!);
        Assert.Empty(file.Records);
    }

    [Fact]
    public void An_empty_file_is_a_file_error()
    {
        Assert.NotNull(Read([]).FileError);
        Assert.NotNull(ReadUtf8("", "").FileError);
    }

    [Fact]
    public void An_unterminated_quote_is_a_file_error_naming_its_line()
    {
        var file = ReadUtf8("職員番号,氏名,所属コード", "1001,山田,1010", "1002,\"鈴木,1010", "1003,佐藤,1010");

        Assert.Equal(ErrorCodes.RosterUnterminatedQuote, file.FileError?.Code);
        Assert.Equal(3, file.FileError!.Args[0]);
    }

    [Fact]
    public void Two_headers_for_the_same_column_are_a_file_error()
    {
        var file = ReadUtf8("職員番号,氏名,name,所属コード", "1001,山田,Yamada,1010");

        Assert.NotNull(file.FileError);
    }

    [Fact]
    public void A_UTF_16_file_with_or_without_a_BOM_is_refused_as_an_encoding_not_supported_not_for_missing_columns()
    {
        var text = Header + "\r\n1001,髙橋 一郎,たかはし いちろう,1010,総務課,主事,,,\r\n";
        foreach (var bytes in new[] { Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(text)).ToArray(), Encoding.Unicode.GetBytes(text),
                     Encoding.BigEndianUnicode.GetPreamble().Concat(Encoding.BigEndianUnicode.GetBytes(text)).ToArray() })
        {
            var file = Read(bytes);
            Assert.Equal(ErrorCodes.EncodingUnsupported, file.FileError!.Code);
            Assert.Equal("UTF-16", file.FileError.Args[0]);
        }
    }

    [Fact]
    public void A_UTF8_file_with_a_BOM_and_a_bad_byte_is_refused_with_its_line_rather_than_read_with_replacement_characters()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(Header + "\n1001,髙橋 一郎,,1010,総務課,,,,\n1002,")).Concat(new byte[] { 0xFF, 0x0A }).ToArray();

        var file = Read(bytes);

        Assert.Equal((ErrorCodes.EncodingInvalidBytes, "UTF-8", 3), (file.FileError!.Code, file.FileError.Args[0], file.FileError.Args[1]));
        Assert.Empty(file.Records);
    }
}
