namespace SecOpsDx.Core.Mail;

public enum SmtpSecurity
{
    /// <summary>No TLS: only for a mail relay on the same machine or a closed segment.</summary>
    None,
    /// <summary>Plain connection upgraded with STARTTLS before anything else is sent (usually port 587).</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
}

/// <summary>"SecOpsDx:Smtp": the server reminders and test mails go out through.</summary>
public sealed class MailSettings
{
    public const string Section = "SecOpsDx:Smtp";

    /// <summary>Empty: mail is queued but not sent (the outbox page says so).</summary>
    public string Host { get; set; } = "";

    public int Port { get; set; } = 25;

    /// <summary>The sender, e.g. "SecOpsDx 情報政策課 &lt;secopsdx@city.example.jp&gt;".</summary>
    public string From { get; set; } = "";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Empty: no authentication. The password comes from the environment (SecOpsDx__Smtp__Password).</summary>
    public string User { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>A message is given up after this many failed tries (12 with the default backoff: about a day); the Admin sees it on the outbox page.</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>The wait after the first failure; it doubles with each further one, up to six hours.</summary>
    public int FirstRetryMinutes { get; set; } = 2;

    /// <summary>Messages sent over one connection in one run.</summary>
    public int BatchSize { get; set; } = 500;

    public int TimeoutSeconds { get; set; } = 30;

    public bool Configured => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);

    public IReadOnlyList<string> Problems()
    {
        if (string.IsNullOrWhiteSpace(Host)) return [];
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(From) || !MimeKit.MailboxAddress.TryParse(From, out _))
            problems.Add($"{Section}:From must be a sender address, e.g. \"SecOpsDx <secopsdx@city.example.jp>\"");
        if (Port is < 1 or > 65535) problems.Add($"{Section}:Port must be between 1 and 65535");
        if (MaxAttempts is < 1 or > 100) problems.Add($"{Section}:MaxAttempts must be between 1 and 100");
        if (FirstRetryMinutes is < 1 or > 1440) problems.Add($"{Section}:FirstRetryMinutes must be between 1 and 1440");
        if (BatchSize is < 1 or > 10_000) problems.Add($"{Section}:BatchSize must be between 1 and 10000");
        return problems;
    }
}
