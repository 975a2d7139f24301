using Lineage.Model;
using Microsoft.AspNetCore.Authentication;

namespace Lineage.Server.Auth;

/// <summary>Turns the API key authentication of a request into the actor the store records.</summary>
internal sealed class ApiKeyActorAccessor : IActorAccessor
{
    public async ValueTask<(Actor? Actor, string? Refusal)> GetActorAsync(HttpContext context)
    {
        var result = await context.AuthenticateAsync(ApiKeyAuthenticationHandler.SchemeName).ConfigureAwait(false);
        if (result.Succeeded && ApiKeyAuthenticationHandler.CredentialOf(context) is { } credential)
        {
            return (new Actor(credential.Principal.Name, credential.Access, credential.Principal.Id, context.TraceIdentifier), null);
        }

        return (null, result.Failure?.Message ?? "authentication is required: send Authorization: Bearer <API key>");
    }
}
