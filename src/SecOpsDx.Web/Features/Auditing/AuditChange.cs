namespace SecOpsDx.Web.Features.Auditing;

/// <summary>One field of an audit entry: its value before and after.</summary>
public sealed record AuditChange(string Field, string? Old, string? New);
