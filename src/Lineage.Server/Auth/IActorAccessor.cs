using Lineage.Model;

namespace Lineage.Server.Auth;

/// <summary>Says who is making an HTTP request, or why nobody could be recognised.</summary>
public interface IActorAccessor
{
    /// <summary>The authenticated actor; null with a reason when the request carries no valid key.</summary>
    ValueTask<(Actor? Actor, string? Refusal)> GetActorAsync(HttpContext context);
}
