namespace Lineage.Errors;

/// <summary>The caller can see the thing but their role does not allow the change.</summary>
public sealed class ForbiddenException : LineageException
{
    public ForbiddenException(string message) : base(message)
    {
    }

    public override string Code => ErrorCodes.Forbidden;
}
