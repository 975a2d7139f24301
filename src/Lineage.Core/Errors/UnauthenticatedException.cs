namespace Lineage.Errors;

/// <summary>No valid API key came with the request.</summary>
public sealed class UnauthenticatedException : LineageException
{
    public UnauthenticatedException(string message) : base(message)
    {
    }

    public override string Code => ErrorCodes.Unauthenticated;
}
