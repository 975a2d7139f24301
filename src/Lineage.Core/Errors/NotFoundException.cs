namespace Lineage.Errors;

public sealed class NotFoundException : LineageException
{
    public NotFoundException(string message) : base(message)
    {
    }

    public override string Code => ErrorCodes.NotFound;
}
