using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Resources;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>The app's own actors read as words in both languages; people as stored.</summary>
public sealed class ActorTextTests(AppFactory factory) : IClassFixture<AppFactory>
{
    private string In(string culture, string stored)
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try { return ActorText.Display(factory.Services.GetRequiredService<IStringLocalizer<SharedText>>(), stored); }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Theory]
    [InlineData("system:startup", "システム(起動時の取り込み)", "System (import at start)")]
    [InlineData("job:reminders", "リマインダー送信(自動)", "Reminders (scheduled)")]
    [InlineData("run-job send-mail", "メール送信(自動) の手動実行", "Mail sending (scheduled), run by hand")]
    [InlineData("cli:sync-policies", "管理コマンド sync-policies", "Admin command sync-policies")]
    [InlineData("directory:sato", "sato", "sato")]
    [InlineData("anonymous", "未ログインの利用者", "Someone not signed in")]
    [InlineData("csirt@example.jp", "csirt@example.jp", "csirt@example.jp")]
    public void Actors_read_as_words(string stored, string japanese, string english)
    {
        Assert.Equal(japanese, In("ja-JP", stored));
        Assert.Equal(english, In("en-US", stored));
    }
}
