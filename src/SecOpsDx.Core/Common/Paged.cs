namespace SecOpsDx.Core;

/// <summary>One page of a longer list, with what the pager needs.</summary>
public sealed record Paged<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);

    /// <summary>Page size within bounds and a page number from 1.</summary>
    public static (int Page, int PageSize) Clamp(int page, int pageSize, int maxPageSize) =>
        (Math.Max(1, page), Math.Clamp(pageSize, 1, maxPageSize));
}
