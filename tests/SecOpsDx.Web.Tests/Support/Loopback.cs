using System.Net;
using System.Net.Sockets;

namespace SecOpsDx.Web.Tests.Support;

/// <summary>Ports on 127.0.0.1 for the servers the tests start (slapd, SMTP, the app as a process).</summary>
public static class Loopback
{
    /// <summary>A port nobody listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits until something accepts connections on the port; false when nothing did within the time.</summary>
    public static async Task<bool> WaitForListenerAsync(int port, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return true;
            }
            catch (SocketException) { await Task.Delay(50); }
        }
        return false;
    }
}
