namespace Lineage.Model;

/// <summary>Who is making a request: recorded as <c>createdBy</c> and as the actor of audit events.</summary>
public sealed record Actor(string Name, bool IsAdministrator, string? RequestId = null);
