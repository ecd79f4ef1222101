using System.Globalization;

namespace MinerPivot.Web.Hosting;

/// <summary>Thrown when another running MinerPivot holds the data folder's lock.</summary>
public sealed class DataFolderInUseException(string message) : Exception(message);

/// <summary>
/// An OS lock on &lt;DataDir&gt;/minerpivot.lock held for the app's lifetime, so a second app on the same folder is refused
/// instead of stopping the first one's database. On Linux, FileShare.None is an advisory flock, released by the kernel
/// when the process dies: a folder left by a crashed app is free again. The holder's pid goes to a file beside it,
/// because the lock also keeps others from reading the lock file.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private DataFolderLock(FileStream lockStream, string pidFile)
    {
        _lock = lockStream;
        _pidFile = pidFile;
    }

    public static DataFolderLock Acquire(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var lockPath = Path.Combine(dataDir, "minerpivot.lock");
        var pidFile = Path.Combine(dataDir, "minerpivot.pid");
        FileStream stream;
        try
        {
            stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            var holder = ReadPid(pidFile) is { } pid ? $"pid {pid}" : "pid unknown";
            throw new DataFolderInUseException(
                $"The data folder {dataDir} is in use by another MinerPivot process ({holder}). " +
                "Stop it, or start this one with another --MinerPivot:DataDir.");
        }
        var pidText = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        stream.SetLength(0);
        stream.Write(System.Text.Encoding.ASCII.GetBytes(pidText));
        stream.Flush();
        File.WriteAllText(pidFile, pidText);
        return new DataFolderLock(stream, pidFile);
    }

    private static int? ReadPid(string pidFile)
    {
        try
        {
            return int.TryParse(File.ReadAllText(pidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            File.Delete(_pidFile);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A leftover pid file is only read while someone holds the lock, who rewrote it.
        }
        _lock.Dispose();
    }
}
