using System.Net;
using Lineage.Errors;

namespace Lineage.Neo4j;

/// <summary>An error Neo4j reported: its status code (<c>Neo.ClientError.Statement.SyntaxError</c>) and message.</summary>
public sealed record Neo4jError(string Code, string Message);

/// <summary>A request that failed for a passing reason; the whole transaction may be tried again.</summary>
public sealed class Neo4jTransientException : Exception
{
    public Neo4jTransientException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    public Neo4jTransientException()
    {
    }

    public Neo4jTransientException(string message) : base(message)
    {
    }

    /// <summary>
    /// Whether Neo4j itself said the request failed, so that a transaction it belonged to was
    /// rolled back; false when the answer never came or came from something in between.
    /// </summary>
    public bool RolledBack { get; init; }
}

/// <summary>A failure of the store itself (credentials, a statement, the server): an operator's problem, not the caller's.</summary>
public sealed class Neo4jStoreException : Exception
{
    public Neo4jStoreException(string message, Exception? inner = null) : base(message, inner)
    {
    }

    public Neo4jStoreException()
    {
    }

    public Neo4jStoreException(string message) : base(message)
    {
    }

    public string? Code { get; init; }
}

/// <summary>The one place where Neo4j's answers become the core's typed errors, or the store's own.</summary>
public static class Neo4jErrors
{
    /// <summary>
    /// The exception for a failed request. <paramref name="statement"/> names the file that was
    /// sent, never its parameters, which may hold secrets.
    /// </summary>
    public static Exception Translate(HttpStatusCode status, IReadOnlyList<Neo4jError> errors, string statement)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var first = errors.Count > 0 ? errors[0] : new Neo4jError($"HTTP {(int)status}", $"Neo4j answered {(int)status} {status} without an error body");
        var code = first.Code;

        // A transaction terminated on purpose (by an administrator, or because it ran past
        // db.transaction.timeout) or whose lock client was stopped is not tried again, as
        // Neo4j's own drivers do not: the same work would meet the same end.
        if (code is "Neo.TransientError.Transaction.Terminated" or "Neo.TransientError.Transaction.LockClientStopped")
        {
            return new Neo4jStoreException($"{statement}: Neo4j ended the transaction ({code}): {first.Message}") { Code = code };
        }

        // An unknown or expired transaction id is answered 404 Request.Invalid: the server has
        // rolled it back, so the whole unit of work may run again.
        if (code.StartsWith("Neo.TransientError.", StringComparison.Ordinal)
            || code == "Neo.ClientError.Transaction.TransactionNotFound"
            || (status == HttpStatusCode.NotFound && code == "Neo.ClientError.Request.Invalid"))
        {
            return new Neo4jTransientException($"{statement}: {code}: {first.Message}") { RolledBack = true };
        }

        if (errors.Count == 0 && status is HttpStatusCode.ServiceUnavailable or HttpStatusCode.BadGateway or HttpStatusCode.GatewayTimeout or HttpStatusCode.TooManyRequests)
        {
            return new Neo4jTransientException($"{statement}: {code}: {first.Message}");
        }

        if (code == "Neo.ClientError.Schema.ConstraintValidationFailed")
        {
            return new ConflictException("the change conflicts with data written at the same time; retry it");
        }

        if (status == HttpStatusCode.Unauthorized || code.StartsWith("Neo.ClientError.Security.", StringComparison.Ordinal))
        {
            return new Neo4jStoreException(Security(status, code, statement)) { Code = code };
        }

        if (code == "Neo.ClientError.Database.DatabaseNotFound" || status == HttpStatusCode.NotFound)
        {
            return new Neo4jStoreException($"Neo4j has no such database ({code}): check LINEAGE_NEO4J_DATABASE") { Code = code };
        }

        return new Neo4jStoreException($"Neo4j refused statement cypher/{statement}.cypher: {code}: {first.Message}") { Code = code };
    }

    /// <summary>What an operator should do about a refusal of Neo4j's security: each code says something different.</summary>
    private static string Security(HttpStatusCode status, string code, string statement) => code switch
    {
        "Neo.ClientError.Security.Forbidden" =>
            $"Neo4j's user for the store may not run cypher/{statement}.cypher ({code}): grant it read and write on the database, and index and constraint management",
        "Neo.ClientError.Security.CredentialsExpired" =>
            $"the password of Neo4j's user for the store has expired ({code}): change it in Neo4j and set LINEAGE_NEO4J_PASSWORD to the new one",
        "Neo.ClientError.Security.TokenExpired" =>
            $"the token in LINEAGE_NEO4J_TOKEN has expired ({code}): give the store a fresh one",
        "Neo.ClientError.Security.AuthenticationRateLimit" =>
            $"Neo4j refuses logins for a while after too many failed ones ({code}): check the credentials, then wait before starting again",
        "Neo.ClientError.Security.Unauthorized" or "Neo.ClientError.Security.AuthorizationExpired" or "" =>
            $"Neo4j refused the store's credentials ({code}): check LINEAGE_NEO4J_USER and LINEAGE_NEO4J_PASSWORD, or LINEAGE_NEO4J_TOKEN",
        _ when status == HttpStatusCode.Unauthorized && !code.StartsWith("Neo.", StringComparison.Ordinal) =>
            $"Neo4j refused the store's credentials ({code}): check LINEAGE_NEO4J_USER and LINEAGE_NEO4J_PASSWORD, or LINEAGE_NEO4J_TOKEN",
        _ => $"Neo4j's security refused cypher/{statement}.cypher ({code})",
    };
}
