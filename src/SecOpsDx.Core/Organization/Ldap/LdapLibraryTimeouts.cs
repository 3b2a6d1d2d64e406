using System.Runtime.InteropServices;

namespace SecOpsDx.Core.Organization.Ldap;

/// <summary>
/// Bounds every blocking call of OpenLDAP's libldap (the library System.DirectoryServices.Protocols uses on Linux
/// and macOS). Its bind and StartTLS wait for an answer forever unless LDAP_OPT_TIMEOUT is set, and the .NET wrapper
/// does not expose that option, so a directory that accepts the connection and then says nothing would keep a thread
/// and a socket for good. The library copies its global defaults into each connection it creates, so they are set
/// just before one of ours is created and put back to "none" right after, leaving other LDAP users in the process
/// alone: LDAP_OPT_TIMEOUT (0x5002, synchronous calls) and LDAP_OPT_NETWORK_TIMEOUT (0x5005, connecting), both from
/// ldap.h; a null value means no limit. On Windows the wrapper's own timeouts apply.
/// </summary>
internal static class LdapLibraryTimeouts
{
    private const int LdapOptTimeout = 0x5002;
    private const int LdapOptNetworkTimeout = 0x5005;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeValue
    {
        public nint Seconds;
        public nint Microseconds;
    }

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int SetOption(nint ld, int option, ref TimeValue value);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int ClearOption(nint ld, int option, nint none);

    private static readonly Lock Gate = new();
    private static (SetOption Set, ClearOption Clear)? _library;
    private static bool _resolved;

    /// <summary>Makes a connection whose blocking calls end after the given seconds (where the library allows it).</summary>
    public static T Create<T>(int seconds, Func<T> create)
    {
        if (OperatingSystem.IsWindows()) return create();
        lock (Gate)
        {
            if (!_resolved)
            {
                _library = Resolve();
                _resolved = true;
            }
            if (_library is not { } library) return create();
            var value = new TimeValue { Seconds = seconds };
            library.Set(0, LdapOptTimeout, ref value);
            library.Set(0, LdapOptNetworkTimeout, ref value);
            try
            {
                return create();
            }
            finally
            {
                library.Clear(0, LdapOptTimeout, 0);
                library.Clear(0, LdapOptNetworkTimeout, 0);
            }
        }
    }

    /// <summary>The same libldap the wrapper loaded: found in the process's own map after a first connection object.</summary>
    private static (SetOption, ClearOption)? Resolve()
    {
        // Creating a connection object makes the wrapper load the library; nothing is sent.
        using (new System.DirectoryServices.Protocols.LdapConnection("127.0.0.1")) { }
        var candidates = new List<string>();
        if (OperatingSystem.IsLinux() && File.Exists("/proc/self/maps"))
            candidates.AddRange(File.ReadLines("/proc/self/maps")
                .Select(line => line.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "")
                .Where(path => Path.GetFileName(path).StartsWith("libldap", StringComparison.Ordinal) && path.StartsWith('/'))
                .Distinct());
        candidates.AddRange(["libldap.so.2", "libldap-2.5.so.0", "libldap-2.4.so.2", "libldap.dylib"]);
        foreach (var name in candidates)
        {
            if (NativeLibrary.TryLoad(name, out var library) && NativeLibrary.TryGetExport(library, "ldap_set_option", out var function))
                return (Marshal.GetDelegateForFunctionPointer<SetOption>(function), Marshal.GetDelegateForFunctionPointer<ClearOption>(function));
        }
        return null;
    }
}
