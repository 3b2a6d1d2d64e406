using SecOpsDx.Core;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SecOpsDx.Core.Incidents;
using SecOpsDx.Web.Components.Shared;
using SecOpsDx.Web.Tests.Support;

namespace SecOpsDx.Web.Tests;

/// <summary>
/// The limits the report form states under its fields are the limits Core enforces, and the browser may always
/// send more than that limit, so that Core, not the browser, decides what is too long.
/// </summary>
public sealed partial class TextLimitTests(AppFactory factory) : IClassFixture<AppFactory>
{
    [GeneratedRegex("<div[^>]*data-char-count-for=\"([^\"]+)\"[^>]*data-limit=\"(\\d+)\"")]
    private static partial Regex Counter();

    private static readonly Dictionary<string, (string Key, Func<string, IncidentIntake> Intake)> ReportFields = new()
    {
        ["r-title"] = ("title", v => new IncidentIntake(v, null, IncidentSource.Internal, "form")),
        ["r-description"] = ("description", v => new IncidentIntake("件名", v, IncidentSource.Internal, "form")),
        ["r-where"] = ("location", v => new IncidentIntake("件名", null, IncidentSource.Internal, "form", Location: v)),
        ["r-system"] = ("affectedSystems", v => new IncidentIntake("件名", null, IncidentSource.Internal, "form", AffectedSystems: v)),
    };

    private static int MaxLengthOf(string html, string id)
    {
        var tag = Regex.Match(html, $"<(input|textarea)[^>]*\\bid=\"{Regex.Escape(id)}\"[^>]*>");
        Assert.True(tag.Success, $"no field {id}");
        var max = Regex.Match(tag.Value, "maxlength=\"(\\d+)\"");
        Assert.True(max.Success, $"field {id} has no maxlength");
        return int.Parse(max.Groups[1].Value);
    }

    [Fact]
    public async Task Each_report_field_states_the_limit_Core_enforces_and_lets_the_browser_send_more()
    {
        var client = await SignIn.AsAsync(factory, "staff@example.jp");
        var response = await client.GetAsync("/incidents/report");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        var counters = Counter().Matches(html).ToDictionary(m => m.Groups[1].Value, m => int.Parse(m.Groups[2].Value));
        Assert.Equal(ReportFields.Keys.Order(), counters.Keys.Order());

        await using var scope = factory.Services.CreateAsyncScope();
        var commands = scope.ServiceProvider.GetRequiredService<ReceiveIncident>();
        foreach (var (id, limit) in counters)
        {
            var (key, intake) = ReportFields[id];
            Assert.False(commands.Validate(intake(new string('あ', limit))).ContainsKey(key), $"{id}: {limit} characters should be kept");
            var refused = commands.Validate(intake(new string('あ', limit + 1)));
            Assert.True(refused.TryGetValue(key, out var messages), $"{id}: {limit + 1} characters should be refused");
            Assert.Contains(messages!, m => m.Code == ErrorCodes.TooLong && (int)m.Args[0]! == limit);
            Assert.True(MaxLengthOf(html, id) > limit, $"{id}: the browser would cut text at the limit instead of letting Core refuse it");
        }
    }

    [Fact]
    public void The_circuit_accepts_a_message_carrying_the_longest_value_any_field_lets_through_even_fully_escaped()
    {
        // The hub that carries the circuit is internal to Blazor; its options are read as the hub reads them.
        var hub = Type.GetType("Microsoft.AspNetCore.Components.Server.ComponentHub, Microsoft.AspNetCore.Components.Server", throwOnError: true)!;
        var optionsType = typeof(Microsoft.Extensions.Options.IOptions<>).MakeGenericType(typeof(Microsoft.AspNetCore.SignalR.HubOptions<>).MakeGenericType(hub));
        var options = (Microsoft.AspNetCore.SignalR.HubOptions)optionsType.GetProperty("Value")!.GetValue(factory.Services.GetRequiredService(optionsType))!;

        // A change event carries the value twice; JSON escaping costs at most 6 bytes a UTF-16 unit.
        var longest = TextLimits.BrowserCap(IncidentLimits.Description);
        Assert.True(longest > IncidentLimits.Description);
        Assert.True(options.MaximumReceiveMessageSize >= 2L * 6 * longest, $"hub accepts {options.MaximumReceiveMessageSize} bytes");
    }
}
