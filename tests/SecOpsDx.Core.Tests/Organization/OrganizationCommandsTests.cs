using Microsoft.EntityFrameworkCore;
using SecOpsDx.Core.Organization;
using SecOpsDx.Core.Tests.Support;

namespace SecOpsDx.Core.Tests.Organization;

public sealed class OrganizationCommandsTests : IAsyncLifetime
{
    private TestDatabase _db = default!;
    private OrganizationCommands _commands = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _commands = new OrganizationCommands(_db.Factory);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static StaffInput Staff(string number, int departmentId, string name = "山田 太郎") =>
        new(number, name, "やまだ たろう", departmentId, "主事", "yamada@example.jp", new DateOnly(2020, 4, 1), null);

    [Fact]
    public async Task A_stale_edit_is_refused_and_the_first_edit_is_kept()
    {
        var dept = await _commands.SaveDepartmentAsync(null, 0, new DepartmentInput("2010", "市民課", null, true));
        var id = await _commands.SaveStaffAsync(null, 0, Staff("A001", dept));

        await _commands.SaveStaffAsync(id, expectedVersion: 0, Staff("A001", dept, name: "山田 花子"));
        var conflict = await Assert.ThrowsAsync<DomainException>(() =>
            _commands.SaveStaffAsync(id, expectedVersion: 0, Staff("A001", dept, name: "山田 次郎")));

        Assert.Equal(ErrorCodes.Conflict, conflict.Code);
        await using var db = _db.CreateContext();
        var saved = await db.Staff.SingleAsync(s => s.Id == id);
        Assert.Equal("山田 花子", saved.FullName);
        Assert.Equal(1, saved.Version);
    }

    [Fact]
    public async Task A_second_staff_member_with_the_same_number_is_refused()
    {
        var dept = await _commands.SaveDepartmentAsync(null, 0, new DepartmentInput("2010", "市民課", null, true));
        await _commands.SaveStaffAsync(null, 0, Staff("A001", dept));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _commands.SaveStaffAsync(null, 0, Staff("A001", dept, "別人")));

        Assert.Equal(ErrorCodes.EmployeeNumberTaken, e.Errors["employeeNumber"].Single().Code);
    }

    [Theory]
    [InlineData("", "名前")]
    [InlineData("B001", "")]
    public async Task Missing_required_fields_are_refused(string number, string name)
    {
        var dept = await _commands.SaveDepartmentAsync(null, 0, new DepartmentInput("2010", "市民課", null, true));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _commands.SaveStaffAsync(null, 0, Staff(number, dept, name)));

        Assert.Equal(ErrorCodes.Required, Assert.Single(e.Errors).Value.Single().Code);
    }

    [Fact]
    public async Task A_retirement_before_hiring_is_refused()
    {
        var dept = await _commands.SaveDepartmentAsync(null, 0, new DepartmentInput("2010", "市民課", null, true));

        var e = await Assert.ThrowsAsync<ValidationFailedException>(() => _commands.SaveStaffAsync(null, 0,
            Staff("C001", dept) with { RetiredOn = new DateOnly(2019, 3, 31) }));

        Assert.Equal(ErrorCodes.RetiredBeforeHired, e.Errors["retiredOn"].Single().Code);
    }

    [Fact]
    public async Task Only_a_top_level_department_can_be_a_parent()
    {
        var bu = await _commands.SaveDepartmentAsync(null, 0, new DepartmentInput("2000", "市民部", null, true));
        var ka = await _commands.SaveDepartmentAsync(null, 0, new DepartmentInput("2010", "市民課", bu, true));

        var e = await Assert.ThrowsAsync<DomainException>(() =>
            _commands.SaveDepartmentAsync(null, 0, new DepartmentInput("2011", "市民係", ka, true)));

        Assert.Equal(ErrorCodes.ParentMustBeTop, e.Code);
    }
}
