using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace MinerPivot.Data.Embedded;

/// <summary>
/// A private PostgreSQL cluster run from the machine's installed binaries: created on first use in a
/// folder it owns, started on a free loopback port, stopped on dispose. TCP on 127.0.0.1 only, password auth.
/// </summary>
public sealed class EmbeddedPostgres : IAsyncDisposable
{
    public const string Superuser = "minerpivot";
    private const string OsUserWhenRoot = "postgres";

    private readonly string _root;
    private readonly string _binDir;
    private readonly ILogger _logger;
    private bool _started;
    private int _postmasterPid;

    private EmbeddedPostgres(string root, string binDir, ILogger logger)
    {
        _root = root;
        _binDir = binDir;
        _logger = logger;
    }

    public string DataDirectory => Path.Combine(_root, "pgdata");
    public string LogFile => Path.Combine(_root, "postgres.log");
    private string PasswordFile => Path.Combine(_root, "superuser.pw");
    public int Port { get; private set; }

    /// <summary>A connection string to the maintenance database <c>postgres</c>; use <see cref="ConnectionStringFor"/> for others.</summary>
    public string ConnectionString => ConnectionStringFor("postgres");

    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Password = File.ReadAllText(PasswordFile).Trim(),
        Database = database,
    }.ConnectionString;

    /// <summary>Creates the cluster if the folder has none, clears a stale pid file, and starts it.</summary>
    public static async Task<EmbeddedPostgres> StartAsync(string root, string? binDir = null, ILogger? logger = null, CancellationToken ct = default)
    {
        var pg = new EmbeddedPostgres(Path.GetFullPath(root), binDir ?? PostgresBinaries.Locate(), logger ?? NullLogger.Instance);
        await pg.StartCoreAsync(ct);
        return pg;
    }

    private async Task StartCoreAsync(CancellationToken ct)
    {
        Directory.CreateDirectory(_root);
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitClusterAsync(ct);
        }

        await StopLeftoverServerAsync(ct);
        await StartServerAsync(FreeLoopbackPort(), ct);
    }

    private async Task StartServerAsync(int port, CancellationToken ct)
    {
        Port = port;
        var options = $"-c listen_addresses=127.0.0.1 -p {Port} -c unix_socket_directories='' -c fsync=on -c max_connections=200";
        _logger.LogInformation("Starting embedded PostgreSQL in {DataDirectory} on 127.0.0.1:{Port}", DataDirectory, Port);
        var result = await RunAsync("pg_ctl", ["-D", DataDirectory, "-l", LogFile, "-o", options, "-w", "-t", "60", "start"], ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The embedded PostgreSQL did not start (pg_ctl exit {result.ExitCode}). {result.Output.Trim()}\n" +
                $"Its log is {LogFile}:\n{TailOfLog()}");
        }
        _started = true;
        _postmasterPid = ReadPostmasterPid() ?? 0;
    }

    /// <summary>The postmaster this instance started is still running (a killed one, or a zombie, is not).</summary>
    public bool IsRunning => _started && _postmasterPid > 0 && IsOurPostmaster(_postmasterPid);

    /// <summary>
    /// Starts the server again after it died, on the same port so connection strings stay valid. PostgreSQL runs its
    /// own crash recovery from the write-ahead log on start.
    /// </summary>
    public async Task RestartAsync(CancellationToken ct = default)
    {
        await StopLeftoverServerAsync(ct);
        await StartServerAsync(Port, ct);
    }

    private int? ReadPostmasterPid()
    {
        try
        {
            return int.TryParse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault(), out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private async Task InitClusterAsync(CancellationToken ct)
    {
        _logger.LogInformation("Creating a PostgreSQL cluster in {DataDirectory}", DataDirectory);
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        await File.WriteAllTextAsync(PasswordFile, Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), ct);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(PasswordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        await HandOverToServiceUserAsync(ct);

        var result = await RunAsync("initdb",
            ["-D", DataDirectory, "-U", Superuser, "--pwfile", PasswordFile, "--auth=scram-sha-256", "-E", "UTF8", "--locale=C.UTF-8", "--no-instructions"], ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"initdb failed (exit {result.ExitCode}): {result.Output.Trim()}");
        }
    }

    /// <summary>
    /// After an unclean stop the folder may hold a postmaster.pid whose process is gone, or whose pid now
    /// belongs to another program; or a server from an earlier run may still be up. Stop ours, drop a stale file.
    /// </summary>
    private async Task StopLeftoverServerAsync(CancellationToken ct)
    {
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (!File.Exists(pidFile))
        {
            return;
        }
        var firstLine = File.ReadLines(pidFile).FirstOrDefault();
        if (int.TryParse(firstLine, out var pid) && IsOurPostmaster(pid))
        {
            _logger.LogWarning("A PostgreSQL server from an earlier run (pid {Pid}) still uses {DataDirectory}; stopping it", pid, DataDirectory);
            await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "stop"], ct);
        }
        if (File.Exists(pidFile))
        {
            _logger.LogWarning("Removing stale {PidFile} left by an unclean stop", pidFile);
            File.Delete(pidFile);
        }
    }

    private bool IsOurPostmaster(int pid)
    {
        try
        {
            var cmdline = File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
            return cmdline.Contains("postgres", StringComparison.Ordinal) && cmdline.Contains(DataDirectory, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }

    public async Task StopAsync(CancellationToken ct = default)
    {
        if (!_started)
        {
            return;
        }
        _started = false;
        _logger.LogInformation("Stopping embedded PostgreSQL in {DataDirectory}", DataDirectory);
        var result = await RunAsync("pg_ctl", ["-D", DataDirectory, "-m", "fast", "-w", "-t", "60", "stop"], ct);
        if (result.ExitCode != 0)
        {
            _logger.LogWarning("pg_ctl stop exited {ExitCode}: {Output}", result.ExitCode, result.Output);
        }
        else
        {
            _logger.LogInformation("Embedded PostgreSQL stopped");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    /// <summary>initdb refuses to run as root, so as root the cluster belongs to the postgres account.</summary>
    private static bool RunningAsRoot => Environment.UserName == "root" || geteuid() == 0;

    private async Task HandOverToServiceUserAsync(CancellationToken ct)
    {
        if (!RunningAsRoot)
        {
            return;
        }
        var result = await RunProcessAsync("chown", ["-R", $"{OsUserWhenRoot}:{OsUserWhenRoot}", _root], ct);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"Could not give {_root} to the '{OsUserWhenRoot}' account ({result.Output.Trim()}). " +
                "Running as root, the embedded PostgreSQL runs as 'postgres', which the postgresql package creates.");
        }
        var parentsBlocked = FirstUntraversableParent(_root);
        if (parentsBlocked is not null)
        {
            throw new InvalidOperationException(
                $"The account '{OsUserWhenRoot}' cannot enter {parentsBlocked}, so it cannot use {_root}. " +
                "Choose another MinerPivot:DataDir (for example under /var/lib).");
        }
    }

    private static string? FirstUntraversableParent(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }
        for (var dir = Directory.GetParent(path); dir is not null; dir = dir.Parent)
        {
            var mode = File.GetUnixFileMode(dir.FullName);
            if (!mode.HasFlag(UnixFileMode.OtherExecute))
            {
                return dir.FullName;
            }
        }
        return null;
    }

    private Task<ProcessResult> RunAsync(string tool, IReadOnlyList<string> args, CancellationToken ct)
    {
        var exe = Path.Combine(_binDir, tool);
        return RunningAsRoot
            ? RunProcessAsync("runuser", ["-u", OsUserWhenRoot, "--", exe, .. args], ct)
            : RunProcessAsync(exe, args, ct);
    }

    private static async Task<ProcessResult> RunProcessAsync(string fileName, IReadOnlyList<string> args, CancellationToken ct)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            startInfo.ArgumentList.Add(arg);
        }
        startInfo.Environment["LC_ALL"] = "C.UTF-8";
        using var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {fileName}");
        var output = new System.Text.StringBuilder();
        var readOut = PumpAsync(process.StandardOutput, output, ct);
        var readErr = PumpAsync(process.StandardError, output, ct);
        await process.WaitForExitAsync(ct);
        // A child that outlives pg_ctl could hold the pipes open; don't wait on it for ever.
        await Task.WhenAny(Task.WhenAll(readOut, readErr), Task.Delay(TimeSpan.FromSeconds(2), ct));
        return new ProcessResult(process.ExitCode, output.ToString());
    }

    private static async Task PumpAsync(StreamReader reader, System.Text.StringBuilder sink, CancellationToken ct)
    {
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            lock (sink)
            {
                sink.AppendLine(line);
            }
        }
    }

    private string TailOfLog()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(20));
        }
        catch (IOException)
        {
            return "(no log)";
        }
        catch (UnauthorizedAccessException)
        {
            return "(log not readable)";
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [System.Runtime.InteropServices.DllImport("libc")]
    private static extern uint geteuid();

    private sealed record ProcessResult(int ExitCode, string Output);
}
