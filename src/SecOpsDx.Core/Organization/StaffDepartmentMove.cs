namespace SecOpsDx.Core.Organization;

/// <summary>
/// 異動: a staff member moved from one department to another on a day. Written by the data layer whenever a
/// staff member's department changes (by hand, by roster import or otherwise), so that figures per department
/// as of a past date count each person where they were then. Only ever added.
/// </summary>
public class StaffDepartmentMove : IAppendOnly
{
    public long Id { get; set; }
    public int StaffMemberId { get; set; }
    public int FromDepartmentId { get; set; }
    public int ToDepartmentId { get; set; }

    /// <summary>The first day in the new department (the day the change was saved, in Japan).</summary>
    public DateOnly EffectiveOn { get; set; }
}
