namespace SecOpsDx.Core.Separation;

/// <summary>An incident touched a control (e.g. a USB leak and MN-04); the incident and the control page show each other.</summary>
public class IncidentControlLink : IAppendOnly
{
    public int Id { get; set; }
    public int IncidentId { get; set; }
    public required string ControlId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public required string CreatedBy { get; set; }
}
