namespace Lineage.Errors;

public sealed class ConflictException : LineageException
{
    public ConflictException(string message) : base(message)
    {
    }

    public ConflictException(string message, Exception inner) : base(message, inner)
    {
    }

    public override string Code => ErrorCodes.Conflict;
}
