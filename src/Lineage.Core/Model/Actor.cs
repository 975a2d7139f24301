using Lineage.Identity;

namespace Lineage.Model;

/// <summary>
/// Who is making a request: recorded as <c>createdBy</c> and as the actor of audit events,
/// with the roles that decide what the request may read and change.
/// </summary>
public sealed record Actor(string Name, Access Access, long? PrincipalId = null, string? RequestId = null)
{
    /// <summary>Site administrators hold every role everywhere.</summary>
    public bool IsAdministrator => Access.IsAdministrator;

    /// <summary>An administrator that is not a stored principal: start-up work and store tests.</summary>
    public static Actor System(string name) => new(name, Access.Administrator);
}
