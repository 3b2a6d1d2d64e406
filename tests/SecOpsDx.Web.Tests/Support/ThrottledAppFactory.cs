using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>
/// The app with small failure allowances, where a test header stands for the client's address (the test server
/// has none) and every log entry is kept for the test to read.
/// </summary>
public class ThrottledAppFactory : AppFactory
{
    public ThrottledAppFactory() : this([]) { }

    protected ThrottledAppFactory(Dictionary<string, string?> settings) : base(new Dictionary<string, string?>(settings)
    {
        ["SecOpsDx:Api:FailedAuthPerMinute"] = "3",
        ["SecOpsDx:SignIn:FailedPerAccountAndClient"] = "3",
        ["SecOpsDx:SignIn:FailedPerClient"] = "8",
        ["SecOpsDx:SignIn:UnknownSetupLinksPerClient"] = "3",
    })
    {
    }

    /// <summary>The environment the app runs in; Development unless a subclass says otherwise.</summary>
    protected virtual string EnvironmentName => "Development";

    public const string ClientHeader = "X-Test-Client-Address";

    public ConcurrentQueue<(LogLevel Level, string Category, string Message)> Log { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseEnvironment(EnvironmentName);
        builder.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, ClientAddressFromHeader>();
            services.AddSingleton<ILoggerProvider>(new KeepingLoggerProvider(Log));
        });
    }

    public HttpClient ClientAt(string address, bool browserLike = false)
    {
        var client = browserLike ? CreateBrowserLikeClient() : CreateClient();
        client.DefaultRequestHeaders.Add(ClientHeader, address);
        return client;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers[ClientHeader], out var address))
                    context.Connection.RemoteIpAddress = address;
                return nextMiddleware(context);
            });
            next(app);
        };
    }

    private sealed class KeepingLoggerProvider(ConcurrentQueue<(LogLevel, string, string)> log) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Keeper(log, categoryName);
        public void Dispose() { }

        private sealed class Keeper(ConcurrentQueue<(LogLevel, string, string)> log, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;
            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel)) log.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
