namespace SecOpsDx.Core;

/// <summary>Rows that are only ever added: the data layer refuses to change or delete them.</summary>
public interface IAppendOnly;
