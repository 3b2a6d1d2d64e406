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

    public string ResolveDataDirectory() => Path.GetFullPath(DataDirectory);

    public string DatabasePath => Path.Combine(ResolveDataDirectory(), "secopsdx.db");
}
