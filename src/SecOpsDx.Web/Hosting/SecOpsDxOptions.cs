namespace SecOpsDx.Web.Hosting;

/// <summary>The "SecOpsDx" configuration section.</summary>
public sealed class SecOpsDxOptions
{
    public const string Section = "SecOpsDx";

    /// <summary>Folder of the SQLite database and other local files. Relative paths are taken from the working directory.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>When true, Admin, CISO and CSIRT accounts must sign in with two factors before they can use the app.</summary>
    public bool RequireTwoFactorForPrivilegedRoles { get; set; }

    /// <summary>Number of staff that the first-start demo seeding generates (Development only).</summary>
    public int DemoStaffCount { get; set; } = 120;

    /// <summary>Folder of the catalogues a municipality edits (incident taxonomy, control catalogue). Defaults to the copy beside the app.</summary>
    public string ConfigDirectory { get; set; } = Path.Combine(AppContext.BaseDirectory, "config");

    /// <summary>The municipality's name as it appears on reports it files (e.g. 〇〇市).</summary>
    public string MunicipalityName { get; set; } = "";

    /// <summary>The address people open the app at (e.g. https://secopsdx.city.lg.jp/); links in e-mail start with it.</summary>
    public string BaseUrl { get; set; } = "";

    public ApiSettings Api { get; set; } = new();

    public AnnualReportSettings AnnualReport { get; set; } = new();

    public SignInSettings SignIn { get; set; } = new();

    public AuditSettings Audit { get; set; } = new();

    public KeyProtectionSettings KeyProtection { get; set; } = new();

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    public string DatabasePath => Path.Combine(ResolveDataDirectory(), "secopsdx.db");

    /// <summary>
    /// Creates the data folder, and an empty database file in it, readable by the service account alone on Unix
    /// (0700 and 0600): the folder holds personal data, signing keys and the audit checkpoint. SQLite gives its
    /// -wal and -shm files the database file's mode. A folder made earlier (by an older release, or by hand) is
    /// tightened to the same modes; what was changed is returned for the start-up log.
    /// </summary>
    public IReadOnlyList<string> EnsureDataDirectory()
    {
        var directory = ResolveDataDirectory();
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return [];
        }
        const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        if (!Directory.Exists(directory)) Directory.CreateDirectory(directory, ownerOnly);
        // The cookie keys and the checkpoint key: owner-only even if the data folder is later opened up.
        var keys = Path.Combine(directory, "keys");
        if (!Directory.Exists(keys)) Directory.CreateDirectory(keys, ownerOnly);
        if (!File.Exists(DatabasePath))
        {
            // An empty file is an empty SQLite database; creating it here fixes its mode before SQLite opens it.
            try
            {
                using var _ = new FileStream(DatabasePath, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew, Access = FileAccess.Write,
                    UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                });
            }
            catch (IOException) when (File.Exists(DatabasePath)) { }
        }
        return SecOpsDx.Core.OwnerOnlyFiles.Tighten(directory);
    }
}

/// <summary>"SecOpsDx:AnnualReport": who the annual report is addressed to and who sends it, as a 決裁 document names them.</summary>
public sealed class AnnualReportSettings
{
    /// <summary>宛先, e.g. 情報セキュリティ委員会 委員長 様; empty for the app's wording.</summary>
    public string Addressee { get; set; } = "";

    /// <summary>発信者 after the municipality's name, e.g. 最高情報セキュリティ責任者 副市長 山田太郎; empty for the app's wording.</summary>
    public string Sender { get; set; } = "";
}

/// <summary>"SecOpsDx:Api".</summary>
public sealed class ApiSettings
{
    /// <summary>Failed bearer tokens a client address may send per minute before all its API calls get 429.</summary>
    public int FailedAuthPerMinute { get; set; } = 10;
}

/// <summary>"SecOpsDx:SignIn".</summary>
public sealed class SignInSettings
{
    /// <summary>
    /// Failed sign-ins one client address may make on one account name per window. Kept below the account lockout
    /// threshold (5), so one address needs two windows to lock an account and cannot keep anyone else's locked;
    /// a value of 5 or more gives that up.
    /// </summary>
    public int FailedPerAccountAndClient { get; set; } = 4;

    /// <summary>
    /// Failed sign-ins one client address may make per window, whichever names it types: a ceiling well above one
    /// person's mistakes, as many staff may share an address (NAT, virtual desktops, a proxy). Behind a proxy, list
    /// it in SecOpsDx:TrustedProxies so that each client is told apart by X-Forwarded-For.
    /// </summary>
    public int FailedPerClient { get; set; } = 40;

    public int WindowMinutes { get; set; } = 15;

    /// <summary>
    /// Unknown set-password links or short codes one client address may try per window (WindowMinutes) before the
    /// page refuses it; with 60 random bits in a code this keeps guessing hopeless.
    /// </summary>
    public int UnknownSetupLinksPerClient { get; set; } = 10;

    /// <summary>Days a one-time link to set the first password (bulk accounts) stays valid.</summary>
    public int SetupLinkDays { get; set; } = 14;
}

/// <summary>"SecOpsDx:Audit".</summary>
public sealed class AuditSettings
{
    /// <summary>
    /// How often the signed checkpoint of the audit trail moves to its newest entry while the app runs (it also
    /// moves at every start). Removing entries newer than the last checkpoint is detected by audit-verify; a shorter
    /// interval leaves less to remove unnoticed. Zero or less: only at start.
    /// </summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromMinutes(5);
}
