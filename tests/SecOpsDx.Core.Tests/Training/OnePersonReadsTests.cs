using SecOpsDx.Core.Tests.Support;
using SecOpsDx.Core.Training;

namespace SecOpsDx.Core.Tests.Training;

/// <summary>
/// A person's own confirmation and the writes about one person read through compiled one-person queries; the
/// figures for everyone read the whole roster. Both must tell the same story about every person and course.
/// </summary>
public sealed class OnePersonReadsTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 11, 26);
    private TestDatabase _db = default!;
    private TrainingDesk _desk = default!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _desk = new TrainingDesk(_db, new DateOnly(2026, 11, 5));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task One_persons_course_facts_and_roster_entry_match_those_read_for_everyone()
    {
        var bureau = await _desk.DepartmentAsync("2000", "市民部");
        var citizens = await _desk.DepartmentAsync("2010", "市民課", bureau);
        var tax = await _desk.DepartmentAsync("3010", "税務課");
        var mover = await _desk.StaffAsync("1", tax);
        var leaver = await _desk.StaffAsync("2", citizens);
        var exempt = await _desk.StaffAsync("3", citizens);
        var done = await _desk.StaffAsync("4", tax);
        var newHire = await _desk.StaffAsync("5", citizens, hired: new DateOnly(2026, 10, 1));
        var temp = await _desk.StaffAsync("6", tax, category: SecOpsDx.Core.Organization.EmploymentCategory.FiscalYearAppointed);
        var people = new[] { mover, leaver, exempt, done, newHire, temp, 9999 };

        var all = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, dueOn: new DateOnly(2026, 11, 1)));
        var bureauCourse = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "市民部研修", departments: [bureau]));
        var hires = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "新規採用職員研修", hiredOnOrAfter: new DateOnly(2026, 4, 1), daysAfterHire: 30));
        var quiz = await _desk.Save.ExecuteAsync(null, 0, TrainingDesk.Course(2026, "確認テスト付き研修", passMark: 100, quiz: TrainingDesk.TwoQuestions));
        await _desk.Confirm.ExecuteAsync(done, all, new DateOnly(2026, 10, 5), []);
        await _desk.Confirm.ExecuteAsync(done, quiz, new DateOnly(2026, 11, 2), [0, 0]);
        await _desk.Confirm.ExecuteAsync(done, quiz, new DateOnly(2026, 11, 3), [1, 1]);
        await _desk.Confirm.ExecuteAsync(leaver, all, new DateOnly(2026, 10, 2), []);
        await _desk.Exempt.ExemptAsync(all, exempt, "育児休業中", null);
        // A paper sheet entered for the wrong person and withdrawn: it completes nothing.
        await _desk.Paper.ExecuteAsync(all, temp, new DateOnly(2026, 11, 4), "紙の受講票", null);
        await using (var records = _desk.CreateDbContext())
            await _desk.WithdrawPaper.ExecuteAsync(records.TrainingRecords.Single(r => r.StaffMemberId == temp).Id, "別の職員の受講票", null);
        _desk.MoveTo(new DateOnly(2026, 11, 10));
        await _desk.UpdateStaffAsync(mover, s => s.DepartmentId = citizens);
        await _desk.UpdateStaffAsync(leaver, s => s.RetiredOn = new DateOnly(2026, 11, 20));
        _desk.MoveTo(Today);

        await using var db = _desk.CreateDbContext();
        var everyone = await TrainingSnapshot.LoadAsync(db, default);
        var courses = (await CourseFacts.LoadAsync(db, db.TrainingCourses, default)).ToDictionary(f => f.Course.Id);
        var compared = 0;
        foreach (var id in people)
        {
            var one = await OnePersonReads.SnapshotAsync(db, id, default);
            Assert.Equal(everyone.Departments.Values.OrderBy(d => d.Id), one.Departments.Values.OrderBy(d => d.Id));
            Assert.Equal(everyone.ParentOf.OrderBy(p => p.Key), one.ParentOf.OrderBy(p => p.Key));
            if (!everyone.ById.TryGetValue(id, out var expected))
            {
                Assert.Empty(one.People);
                continue;
            }
            var person = Assert.Single(one.People);
            Assert.Equal(expected with { Roles = [], Moves = [] }, person with { Roles = [], Moves = [] });
            Assert.Equal(expected.Roles, person.Roles);
            Assert.Equal(expected.Moves.Select(m => (m.Id, m.FromDepartmentId, m.ToDepartmentId, m.EffectiveOn)),
                person.Moves.Select(m => (m.Id, m.FromDepartmentId, m.ToDepartmentId, m.EffectiveOn)));

            foreach (var courseId in new[] { all, bureauCourse, hires, quiz })
            {
                var whole = courses[courseId];
                var mine = (await OnePersonReads.CourseAsync(db, courseId, id, default))!;
                Assert.Equal(whole.Course.Questions.Count, mine.Course.Questions.Count);
                foreach (var day in new[] { new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 15), Today })
                {
                    Assert.Equal(TrainingAudience.IsAssigned(whole.Audience, expected, day, everyone.ParentOf),
                        TrainingAudience.IsAssigned(mine.Audience, person, day, one.ParentOf));
                    Assert.Equal(whole.StatusOf(expected, day), mine.StatusOf(person, day));
                }
                Assert.Equal(TrainingAudience.DueFor(whole.Audience, expected), TrainingAudience.DueFor(mine.Audience, person));
                Assert.Equal(whole.CompletedOn.TryGetValue(id, out var on) ? on : null, mine.CompletedOn.TryGetValue(id, out var myOn) ? myOn : (DateOnly?)null);
                Assert.Equal(whole.Exempt.GetValueOrDefault(id), mine.Exempt.GetValueOrDefault(id));
                compared++;
            }
        }
        Assert.Equal(24, compared);
        Assert.Null(await OnePersonReads.CourseAsync(db, 424242, done, default));
        Assert.Empty((await OnePersonReads.CourseAsync(db, all, temp, default))!.CompletedOn);
        // Only the passed try completes the quiz course: 11月3日, not the failed one of 11月2日.
        Assert.Equal(new DateOnly(2026, 11, 3), (await OnePersonReads.CourseAsync(db, quiz, done, default))!.CompletedOn[done]);
    }
}
