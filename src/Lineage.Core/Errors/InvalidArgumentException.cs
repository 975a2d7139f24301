namespace Lineage.Errors;

public sealed class InvalidArgumentException : LineageException
{
    public InvalidArgumentException(string message) : base(message)
    {
    }

    public override string Code => ErrorCodes.InvalidArgument;
}
