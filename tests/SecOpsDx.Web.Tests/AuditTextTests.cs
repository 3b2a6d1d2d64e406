using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Auditing;
using Microsoft.Extensions.Localization;
using SecOpsDx.Core.Calendar;
using SecOpsDx.Web.Features.Auditing;
using SecOpsDx.Web.Resources;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>Audit entries read in the user's words: no class names, state codes or UTC ISO times.</summary>
public sealed class AuditTextTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private T In<T>(string culture, Func<AuditText, T> read)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var sp = factory.Services;
            using var scope = sp.CreateScope();
            var model = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>().Model;
            return read(new AuditText(sp.GetRequiredService<IStringLocalizer<SharedText>>(), sp.GetRequiredService<IStringLocalizer<IncidentText>>(), DateDisplayStyle.Wareki,
                sp.GetRequiredService<IStringLocalizerFactory>(), AuditText.EnumFieldsOf(model)));
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public void A_status_change_reads_as_the_states_names_in_Japan_time_in_both_languages()
    {
        Assert.Equal("インシデント", In("ja-JP", t => t.Entity("Incident")));
        Assert.Equal("ロールの割り当て", In("ja-JP", t => t.Entity("IdentityUserRole`1")));
        Assert.Equal("状態", In("ja-JP", t => t.Field("Status")));
        Assert.Equal("事後対応", In("ja-JP", t => t.Value("Status", "PostIncident")));
        Assert.Equal("Post-incident", In("en-US", t => t.Value("Status", "PostIncident")));
        Assert.Equal("令和8年11月26日 09:30", In("ja-JP", t => t.Value("ReceivedAt", "2026-11-26T00:30:00.0000000+00:00")));
        Assert.Equal("無期限", In("ja-JP", t => t.Value("LockoutEnd", "9999-12-31T23:59:59.9999999+00:00")));
        Assert.Equal("令和2年4月1日", In("ja-JP", t => t.Value("HiredOn", "2020-04-01")));
        Assert.Equal("AnythingElse", In("ja-JP", t => t.Value("Whatever", "AnythingElse")));
    }

    [Fact]
    public void Every_kind_of_record_the_trail_can_hold_has_a_name_in_both_languages()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>();
        var names = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && t.ClrType != typeof(SecOpsDx.Core.Auditing.AuditEntry))
            .Select(t => t.ClrType.Name.Split('`')[0]).Distinct().ToList();
        // Japanese is the neutral resource; an English reader falls back to it when the English name is missing.
        var unnamed = names.Where(n => In("ja-JP", t => t.Entity(n)) == n).ToList();
        Assert.True(unnamed.Count == 0, $"no Japanese AuditEntity name for {string.Join(", ", unnamed)}");
        var untranslated = names.Where(n => In("en-US", t => t.Entity(n)) == In("ja-JP", t => t.Entity(n))).ToList();
        Assert.True(untranslated.Count == 0, $"no English AuditEntity name for {string.Join(", ", untranslated)}");
    }

    [Fact]
    public void Every_state_or_kind_a_record_stores_reads_as_words_in_both_languages_never_as_its_code()
    {
        using var scope = factory.Services.CreateScope();
        var fields = AuditText.EnumFieldsOf(scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>().Model);
        Assert.NotEmpty(fields);
        var raw = new List<string>();
        foreach (var ((entity, field), type) in fields)
            foreach (var name in Enum.GetNames(type))
            {
                // Japanese words are never the code; English ones may read like it ("Closed") but must be English.
                var japanese = In("ja-JP", t => t.Value(field, name, entity));
                if (japanese == name) raw.Add($"{entity}.{field} = {name} (ja)");
                else if (In("en-US", t => t.Value(field, name, entity)) == japanese) raw.Add($"{entity}.{field} = {name} (en)");
            }
        Assert.True(raw.Count == 0, "shown as stored:\n" + string.Join("\n", raw));
        // A control's status is a control's status, even where an incident has a field of the same name.
        Assert.Equal("実施済", In("ja-JP", t => t.Value("Status", "Met", "ControlState")));
        Assert.Equal("事後対応", In("ja-JP", t => t.Value("Status", "PostIncident", "Incident")));
    }
}

/// <summary>The trail names people and roles, records who signed in, and shows a cleared value as cleared.</summary>
public sealed class AuditReadsTrueTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_role_grant_reads_as_the_person_and_the_role_not_as_two_ids()
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var queries = sp.GetRequiredService<AuditQueries>();
        var grants = await queries.SearchAsync(new AuditFilter(EntityType: "IdentityUserRole`1", PageSize: 500));
        var users = sp.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<SecOpsDx.Core.Organization.ApplicationUser>>();
        var csirt = (await users.FindByEmailAsync("csirt@example.jp"))!;
        var grant = grants.Items.First(g => g.EntityKey.StartsWith(csirt.Id, StringComparison.Ordinal) || g.Changes.Contains(csirt.Id, StringComparison.Ordinal));
        var model = sp.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>().Model;
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-JP");
        try
        {
            var text = new AuditText(sp.GetRequiredService<IStringLocalizer<SharedText>>(), sp.GetRequiredService<IStringLocalizer<IncidentText>>(),
                DateDisplayStyle.Wareki, sp.GetRequiredService<IStringLocalizerFactory>(), AuditText.EnumFieldsOf(model))
            {
                Names = await queries.NamesAsync([grant]),
            };

            var key = text.Key(grant.EntityKey);
            Assert.DoesNotContain(csirt.Id, key);
            Assert.Contains(csirt.DisplayName ?? csirt.Email!, key);
            Assert.Equal(csirt.DisplayName ?? csirt.Email, text.Value("UserId", csirt.Id));
            var roleId = grant.EntityKey.Split(',').Single(p => p != csirt.Id);
            Assert.Contains(text.Value("RoleId", roleId), new[] { "CSIRT要員", "職員" });
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public async Task A_sign_in_is_recorded_as_the_person_who_signed_in_not_as_anonymous()
    {
        long last;
        await using (var scope = factory.Services.CreateAsyncScope())
            last = await scope.ServiceProvider.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>().AuditEntries.MaxAsync(e => e.Sequence);

        await SignIn.AsAsync(factory, "manager@example.jp");

        await using var check = factory.Services.CreateAsyncScope();
        var entries = await check.ServiceProvider.GetRequiredService<SecOpsDx.Core.Data.SecOpsDxDbContext>().AuditEntries
            .Where(e => e.Sequence > last && e.EntityType == nameof(SecOpsDx.Core.Organization.SignInSession)).ToListAsync();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Equal("manager@example.jp", e.ActorName));
    }
}
