using Lineage.Model;

namespace Lineage.Server.Auth;

/// <summary>Says who is making an HTTP request. The identity layer plugs in here.</summary>
public interface IActorAccessor
{
    ValueTask<Actor?> GetActorAsync(HttpContext context);
}
