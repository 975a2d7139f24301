using System.Diagnostics;

namespace Lineage.Tests.Support;

/// <summary>
/// A small tmpfs mounted for one test, to see the server on a full or read-only file system.
/// Mounting needs root, which CI has; elsewhere such tests skip and say why.
/// </summary>
public sealed class Tmpfs : IDisposable
{
    private Tmpfs(string path)
    {
        Path = path;
    }

    public string Path { get; }

    /// <summary>Why a tmpfs cannot be mounted here, or null when it can.</summary>
    public static string? Unavailable { get; } = Probe();

    /// <summary>Mounts a tmpfs of <paramref name="bytes"/>; skips the calling test when that cannot be done here.</summary>
    public static Tmpfs Mount(long bytes)
    {
        if (Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lineage-tmpfs", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        Run("mount", "-t", "tmpfs", "-o", $"size={bytes},mode=0755", "tmpfs", path);
        return new Tmpfs(path);
    }

    /// <summary>Makes the file system read-only, as a disk remounted read-only after errors is.</summary>
    public void MakeReadOnly() => Run("mount", "-o", "remount,ro", Path);

    /// <summary>Takes every free byte with a file of its own, as another program filling the disk would.</summary>
    public string Fill()
    {
        var filler = System.IO.Path.Combine(Path, "filler");
        using var file = new FileStream(filler, FileMode.Append, FileAccess.Write);
        var block = new byte[4096];
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // No space left: the point.
        }

        return filler;
    }

    public void Dispose()
    {
        Run("umount", "-l", Path);
        try
        {
            Directory.Delete(Path);
        }
        catch (IOException)
        {
        }
    }

    private static string? Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "mounting a tmpfs needs Linux";
        }

        if (Environment.UserName != "root")
        {
            return "mounting a tmpfs needs root (CI runs the suite as root)";
        }

        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "lineage-tmpfs", "probe-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        try
        {
            Run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", path);
            Run("umount", path);
            return null;
        }
        catch (InvalidOperationException e)
        {
            return $"this machine does not allow mounting a tmpfs: {e.Message}";
        }
        finally
        {
            Directory.Delete(path);
        }
    }

    private static void Run(string command, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', arguments)} failed: {error.Trim()}");
        }
    }
}
