using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace MinerPivot.TestSupport;

/// <summary>What to start: the published app (the default) or any command that ends up serving it, e.g. run.sh.</summary>
public sealed record AppProcessOptions
{
    /// <summary>The program; null runs <c>dotnet MinerPivot.Web.dll</c> from <see cref="AppProcess.PublishedAppDirectory"/>.</summary>
    public string? FileName { get; init; }
    /// <summary>Arguments before the harness's own (--urls, data and log folders).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];
    public string? WorkingDirectory { get; init; }
    /// <summary>Extra environment; a null value removes the variable.</summary>
    public IReadOnlyDictionary<string, string?> Environment { get; init; } = new Dictionary<string, string?>();
    /// <summary>The embedded cluster's folder; a new temp folder when null. Two processes may share one.</summary>
    public string? DataDir { get; init; }
    /// <summary>Connection string of an external server (no embedded cluster) when set.</summary>
    public string? ConnectionString { get; init; }
    /// <summary>The first admin's password; null lets the app generate one and print it (read from the output).</summary>
    public string? AdminPassword { get; init; }
    public bool SeedDemoData { get; init; } = true;
    /// <summary>How long the app may take until /health/ready answers 200 (a run.sh start publishes first).</summary>
    public TimeSpan ReadyTimeout { get; init; } = TimeSpan.FromSeconds(90);
}

/// <summary>
/// The app as a user or an operator runs it: a child process in Production, on a free loopback port, with its own data
/// and log folders. Start waits for /health/ready; the admin's generated password is read from the output, as a user
/// reads it from the terminal. Stop sends SIGTERM, as Ctrl+C or <c>docker stop</c> does.
/// </summary>
public sealed partial class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly object _outputLock = new();
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly bool _ownsDataDir;

    public Uri BaseAddress { get; private set; } = null!;
    public string DataDir { get; }
    public string LogDir { get; }
    public string AdminEmail { get; private set; } = "admin@minerpivot.local";
    public string AdminPassword { get; private set; } = "";
    public int ProcessId => _process.Id;
    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote to stdout and stderr so far.</summary>
    public string Output
    {
        get { lock (_outputLock) return _output.ToString(); }
    }

    /// <summary>The published app's folder: MINERPIVOT_APP_DIR, else artifacts/test-app (test.sh publishes there).</summary>
    public static string PublishedAppDirectory =>
        System.Environment.GetEnvironmentVariable("MINERPIVOT_APP_DIR") is { Length: > 0 } configured
            ? Path.GetFullPath(configured)
            : Path.Combine(RepositoryRoot(), "artifacts", "test-app");

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MinerPivot.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No MinerPivot.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>A new empty folder under the temp folder, readable by the 'postgres' account when the tests run as root.</summary>
    public static string NewTempFolder(string prefix)
    {
        var path = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(path);
        return path;
    }

    private AppProcess(Process process, string dataDir, string logDir, bool ownsDataDir)
    {
        _process = process;
        DataDir = dataDir;
        LogDir = logDir;
        _ownsDataDir = ownsDataDir;
    }

    public static async Task<AppProcess> StartAsync(AppProcessOptions? options = null, CancellationToken ct = default)
    {
        options ??= new AppProcessOptions();
        var ownsDataDir = options.DataDir is null;
        var dataDir = options.DataDir ?? NewTempFolder("mp-app-data");
        var logDir = NewTempFolder("mp-app-logs");

        var info = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (options.FileName is null)
        {
            var dll = Path.Combine(PublishedAppDirectory, "MinerPivot.Web.dll");
            if (!File.Exists(dll))
            {
                throw new FileNotFoundException($"No published app at {dll}: run ./test.sh, or publish with scripts/prerequisites.sh's publish_app, or set MINERPIVOT_APP_DIR.");
            }
            info.FileName = "dotnet";
            info.ArgumentList.Add(dll);
            info.ArgumentList.Add("--contentRoot");
            info.ArgumentList.Add(PublishedAppDirectory);
            info.WorkingDirectory = options.WorkingDirectory ?? PublishedAppDirectory;
        }
        else
        {
            info.FileName = options.FileName;
            info.WorkingDirectory = options.WorkingDirectory ?? System.Environment.CurrentDirectory;
        }
        foreach (var argument in options.Arguments)
        {
            info.ArgumentList.Add(argument);
        }
        // Port 0: the OS picks a free port and the app logs it ("Now listening on: …"), so two runs never race for one.
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add("http://127.0.0.1:0");
        info.ArgumentList.Add($"--MinerPivot:DataDir={dataDir}");
        info.ArgumentList.Add($"--MinerPivot:LogDir={logDir}");
        info.ArgumentList.Add($"--MinerPivot:SeedDemoData={(options.SeedDemoData ? "true" : "false")}");
        if (options.AdminPassword is not null)
        {
            info.ArgumentList.Add($"--MinerPivot:AdminPassword={options.AdminPassword}");
        }

        // The user's environment, less what would make the child something other than a plain Production start.
        foreach (var name in new[] { "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT", "ASPNETCORE_URLS", "ConnectionStrings__MinerPivot" })
        {
            info.Environment.Remove(name);
        }
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        info.Environment["DOTNET_NOLOGO"] = "1";
        if (options.ConnectionString is not null)
        {
            info.Environment["ConnectionStrings__MinerPivot"] = options.ConnectionString;
        }
        foreach (var (name, value) in options.Environment)
        {
            if (value is null) info.Environment.Remove(name);
            else info.Environment[name] = value;
        }

        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var app = new AppProcess(process, dataDir, logDir, ownsDataDir);
        if (options.AdminPassword is not null)
        {
            app.AdminPassword = options.AdminPassword;
        }
        process.OutputDataReceived += (_, e) => app.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => app.OnLine(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await app.WaitUntilReadyAsync(options.ReadyTimeout, ct);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        return app;
    }

    private void OnLine(string? line)
    {
        if (line is null) return;
        lock (_outputLock) _output.AppendLine(line);
        if (ListeningLine().Match(line) is { Success: true } listening)
        {
            _listening.TrySetResult(new Uri(listening.Groups[1].Value.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)));
        }
        else if (AdminCreatedLine().Match(line) is { Success: true } admin)
        {
            AdminEmail = admin.Groups[1].Value;
        }
        else if (PasswordLine().Match(line) is { Success: true } password)
        {
            AdminPassword = password.Groups[1].Value;
        }
    }

    private async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var exited = _process.WaitForExitAsync(deadline.Token);
        try
        {
            var first = await Task.WhenAny(_listening.Task, exited);
            if (first == exited)
            {
                await exited;
                throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it listened:\n{Output}");
            }
            BaseAddress = await _listening.Task;
            using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"The app exited with code {_process.ExitCode} before it was ready:\n{Output}");
                }
                try
                {
                    using var response = await http.GetAsync("/health/ready", deadline.Token);
                    if (response.IsSuccessStatusCode) return;
                }
                catch (HttpRequestException)
                {
                    // Not accepting connections yet.
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // One slow answer; ask again.
                }
                // Polling a readiness endpoint: each round asks again, it does not assume a time is enough.
                await Task.Delay(200, deadline.Token);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException($"The app was not ready within {timeout.TotalSeconds:0} s:\n{Output}");
        }
    }

    /// <summary>Sends SIGTERM and waits for the process to end; returns how long it took. Kills it after the timeout.</summary>
    public async Task<TimeSpan> StopAsync(TimeSpan? timeout = null)
    {
        if (_process.HasExited) return TimeSpan.Zero;
        var clock = Stopwatch.StartNew();
        _ = Kill(_process.Id, SigTerm);
        using var wait = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await _process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            throw new TimeoutException($"The app did not stop within {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds:0} s of SIGTERM:\n{Output}");
        }
        // The exit event may come before the last output lines are read.
        _process.WaitForExit();
        return clock.Elapsed;
    }

    /// <summary>Ends the process at once, as a crash or an OOM kill would (no shutdown code runs).</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _ = Kill(_process.Id, SigKill);
        await _process.WaitForExitAsync();
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>The pid of the embedded PostgreSQL server on <see cref="DataDir"/>, when one is running.</summary>
    public int? EmbeddedPostgresPid() => EmbeddedPostgresPid(DataDir);

    public static int? EmbeddedPostgresPid(string dataDir)
    {
        var pidFile = Path.Combine(dataDir, "pgdata", "postmaster.pid");
        if (!File.Exists(pidFile)) return null;
        var first = File.ReadLines(pidFile).FirstOrDefault();
        if (!int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)) return null;
        return IsAlive(pid) ? pid : null;
    }

    /// <summary>The process exists and is not a zombie (an exited child its parent has not reaped yet).</summary>
    public static bool IsAlive(int pid)
    {
        if (Kill(pid, 0) != 0 && Marshal.GetLastPInvokeError() != EPerm) return false;
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
        }
        catch (IOException)
        {
            return false;
        }
    }

    /// <summary>Waits until the process is gone: a server that removed its pid file may take a moment more to exit.</summary>
    public static async Task<bool> WaitForExitAsync(int pid, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (IsAlive(pid))
        {
            if (DateTime.UtcNow > deadline) return false;
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>Lines of the app's log files (under <see cref="LogDir"/>) at level ERR or FTL.</summary>
    public IReadOnlyList<string> LogErrors()
    {
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(LogDir, "*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains("[ERR]", StringComparison.Ordinal) || line.Contains("[FTL]", StringComparison.Ordinal))
                {
                    lines.Add(line);
                }
            }
        }
        return lines;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync(TimeSpan.FromSeconds(30));
            }
            catch (TimeoutException)
            {
                // Already killed by StopAsync; the test that cared has asserted on StopAsync itself.
            }
        }
        _process.Dispose();
        TryDelete(LogDir);
        if (_ownsDataDir && EmbeddedPostgresPid(DataDir) is null)
        {
            TryDelete(DataDir);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private const int SigKill = 9;
    private const int SigTerm = 15;
    private const int EPerm = 1;

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    [GeneratedRegex(@"Now listening on: (http://\S+)")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"admin account created: (\S+)")]
    private static partial Regex AdminCreatedLine();

    [GeneratedRegex(@"Password \(shown once[^)]*\): (\S+)")]
    private static partial Regex PasswordLine();
}
