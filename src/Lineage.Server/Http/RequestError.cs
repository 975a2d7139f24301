using Lineage.Errors;

namespace Lineage.Server.Http;

/// <summary>A request that never reached GraphQL: the status to answer with and why.</summary>
internal sealed class RequestError : Exception
{
    public RequestError(int status, string message, string code = ErrorCodes.InvalidArgument) : base(message)
    {
        Status = status;
        Code = code;
    }

    public int Status { get; }

    public string Code { get; }
}
