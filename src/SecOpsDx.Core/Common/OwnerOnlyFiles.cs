namespace SecOpsDx.Core;

/// <summary>
/// Files and folders that hold personal data, evidence, keys or the audit checkpoint are for the service account alone:
/// 0600 files in 0700 folders on Unix. Windows keeps its own access lists and is left as it is.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and any missing parents below an existing one) as 0700.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        if (Directory.Exists(path)) return;
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(parent) && !Directory.Exists(parent)) CreateFolder(parent);
        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Options for a new file of mode 0600 (the process's umask can only take bits away).</summary>
    public static FileStreamOptions NewFile(FileMode mode = System.IO.FileMode.CreateNew, FileAccess access = FileAccess.Write, bool async = false)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None, Options = async ? FileOptions.Asynchronous : FileOptions.None };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = FileMode;
        return options;
    }

    /// <summary>
    /// Takes group and other bits off every folder and file under <paramref name="root"/> (itself included), as a data
    /// folder made by an earlier release or by hand may have them; returns what it changed, for the start-up log.
    /// Links are not followed.
    /// </summary>
    public static IReadOnlyList<string> Tighten(string root)
    {
        if (OperatingSystem.IsWindows() || !Directory.Exists(root)) return [];
        var changed = new List<string>();
        void Fix(FileSystemInfo entry, UnixFileMode wanted)
        {
            if (entry.LinkTarget is not null) return;
            var mode = entry.UnixFileMode;
            var tightened = mode & ~(UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
                                     | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute);
            tightened |= wanted & (UnixFileMode.UserRead | UnixFileMode.UserWrite);
            if (tightened == mode) return;
            entry.UnixFileMode = tightened;
            changed.Add(entry.FullName);
        }
        var top = new DirectoryInfo(root);
        Fix(top, FolderMode);
        foreach (var entry in top.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true }))
            Fix(entry, entry is DirectoryInfo ? FolderMode : FileMode);
        return changed;
    }
}
