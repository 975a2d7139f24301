namespace Lineage.Store;

/// <summary>
/// The data directory, the database's files and the first-start key are for the server's own user: the directory is
/// created 0700 and the files 0600, and ones made earlier with wider modes are narrowed. SQLite
/// gives its <c>-wal</c> and <c>-shm</c> files the mode of the database file, so creating that
/// file first is enough for them.
/// </summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode DirectoryPermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    public const UnixFileMode FilePermissions = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>
    /// Creates <paramref name="path"/> for its owner only. A directory that exists is narrowed
    /// only when <paramref name="narrowExisting"/> says it is the server's own: a folder the user
    /// named, such as one shared with others, keeps its mode (the files in it are 0600 anyway).
    /// </summary>
    public static void CreateDirectory(string path, bool narrowExisting = false)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        if (!Directory.Exists(path))
        {
            Directory.CreateDirectory(path, DirectoryPermissions);
        }
        else if (narrowExisting && (File.GetUnixFileMode(path) & ~DirectoryPermissions) != 0)
        {
            File.SetUnixFileMode(path, DirectoryPermissions);
        }
    }

    /// <summary>Creates an empty <paramref name="path"/> readable by its owner only when missing, or narrows the mode of one that exists.</summary>
    public static void CreateFile(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (!File.Exists(path))
        {
            using var created = new FileStream(path, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FilePermissions,
            });
        }

        Narrow(path);
    }

    /// <summary>Narrows the mode of <paramref name="path"/> to the owner's, when it exists.</summary>
    public static void Narrow(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & ~FilePermissions) != 0)
        {
            File.SetUnixFileMode(path, FilePermissions);
        }
    }

    /// <summary>
    /// The database file and its directory, and its <c>-wal</c> and <c>-shm</c> files if they
    /// exist. A directory that already holds the database is the server's, and is narrowed too.
    /// </summary>
    public static void PrepareDatabase(string databasePath)
    {
        ArgumentNullException.ThrowIfNull(databasePath);
        CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(databasePath))!, narrowExisting: File.Exists(databasePath));
        CreateFile(databasePath);
        Narrow(databasePath + "-wal");
        Narrow(databasePath + "-shm");
    }
}
