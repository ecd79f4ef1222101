using System.Net;
using System.Net.Sockets;

namespace MinerPivot.TestSupport;

/// <summary>
/// A loopback TCP proxy in front of a server, to cut the network between the app and its database: <see cref="Cut"/>
/// closes every connection and refuses new ones (the port stays reserved), <see cref="Restore"/> accepts again.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private readonly IPEndPoint _target;
    private readonly object _lock = new();
    private readonly List<TcpClient> _open = [];
    private readonly CancellationTokenSource _disposed = new();
    private TcpListener _listener;
    private Task _accepting;
    private bool _cut;

    public int Port { get; }

    public TcpProxy(string targetHost, int targetPort)
    {
        _target = new IPEndPoint(Dns.GetHostAddresses(targetHost).First(a => a.AddressFamily == AddressFamily.InterNetwork), targetPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync(_listener);
    }

    /// <summary>As a dead network or server looks: open connections end, new ones are refused.</summary>
    public void Cut()
    {
        lock (_lock)
        {
            _cut = true;
            _listener.Stop();
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    public void Restore()
    {
        lock (_lock)
        {
            _cut = false;
            _listener = new TcpListener(IPAddress.Loopback, Port);
            _listener.Start();
            _accepting = AcceptAsync(_listener);
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (!_disposed.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_disposed.Token);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return; // Cut or disposed.
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(_target, _disposed.Token);
            lock (_lock)
            {
                // Accepted just before a cut: it ends with the others.
                if (_cut) return;
                _open.Add(client);
                _open.Add(server);
            }
            using var both = CancellationTokenSource.CreateLinkedTokenSource(_disposed.Token);
            var up = client.GetStream().CopyToAsync(server.GetStream(), both.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), both.Token);
            await Task.WhenAny(up, down);
            await both.CancelAsync();
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // One side closed or the proxy cut it: end both.
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _disposed.CancelAsync();
        Cut();
        await _accepting;
        _disposed.Dispose();
    }
}
