using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>What a reader that follows the Open XML schema makes of a generated file: its errors, each as one line.</summary>
public static class OfficeFiles
{
    public static IReadOnlyList<string> Errors(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        using OpenXmlPackage package = IsWorkbook(bytes)
            ? SpreadsheetDocument.Open(stream, false)
            : WordprocessingDocument.Open(stream, false);
        return new OpenXmlValidator(FileFormatVersions.Microsoft365).Validate(package)
            .Select(e => $"{e.ErrorType} {e.Part?.Uri} {e.Path?.XPath}: {e.Description}").ToList();
    }

    /// <summary>Fails with every error listed when the file is not valid.</summary>
    public static void AssertValid(byte[] bytes, string what)
    {
        var errors = Errors(bytes);
        Assert.True(errors.Count == 0, $"{what}: {errors.Count} schema error(s)\n{string.Join("\n", errors.Take(30))}");
    }

    private static bool IsWorkbook(byte[] bytes)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        return zip.GetEntry("xl/workbook.xml") is not null;
    }
}
