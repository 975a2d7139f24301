using Lineage.Model;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Auth;

/// <summary>Every request acts as the local administrator named in <see cref="LineageServerOptions.LocalActor"/>.</summary>
internal sealed class LocalAdministratorAccessor : IActorAccessor
{
    private readonly string _name;

    public LocalAdministratorAccessor(IOptions<LineageServerOptions> options)
    {
        _name = options.Value.LocalActor;
    }

    public ValueTask<Actor?> GetActorAsync(HttpContext context) =>
        ValueTask.FromResult<Actor?>(new Actor(_name, IsAdministrator: true, RequestId: context.TraceIdentifier));
}
