namespace Lineage.Errors;

/// <summary>
/// The stored data a request needs is damaged (a corrupted page of the database file). The
/// request changed nothing; an operator checks the store and restores it from a backup.
/// </summary>
public sealed class DataCorruptedException : LineageException
{
    public DataCorruptedException(string message, Exception inner) : base(message, inner)
    {
    }

    public override string Code => ErrorCodes.DataCorrupted;
}
