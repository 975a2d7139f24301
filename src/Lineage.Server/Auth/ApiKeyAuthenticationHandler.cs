using System.Security.Claims;
using System.Text.Encodings.Web;
using Lineage.Application;
using Lineage.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer lin_…</c>. The key's id finds the stored key; the
/// secret's hash is compared in constant time; revoked and expired keys are refused. On
/// success the caller's credential (principal and effective roles) rides on the request.
/// </summary>
internal sealed class ApiKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "ApiKey";
    public const string KeyIdClaim = "lineage:key";
    public const string PrincipalIdClaim = "lineage:principal";

    private const string CredentialItem = "lineage:credential";
    private const string Invalid = "the API key is not valid; send Authorization: Bearer <key> with a key made by createApiKey";

    private readonly Identities _identities;
    private readonly TimeProvider _time;

    public ApiKeyAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, Identities identities, TimeProvider time)
        : base(options, logger, encoder)
    {
        _identities = identities;
        _time = time;
    }

    /// <summary>The credential of an authenticated request, or null.</summary>
    public static Credential? CredentialOf(HttpContext context) =>
        context.Items.TryGetValue(CredentialItem, out var value) ? value as Credential : null;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return AuthenticateResult.NoResult();
        }

        const string bearer = "Bearer ";
        if (!header.StartsWith(bearer, StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("only bearer API keys are accepted: send Authorization: Bearer <key>");
        }

        if (!ApiKeyToken.TryParse(header[bearer.Length..].Trim(), out var token))
        {
            return AuthenticateResult.Fail(Invalid);
        }

        var credential = await _identities.FindCredentialAsync(token.Id, Context.RequestAborted).ConfigureAwait(false);
        if (credential is null || !token.Matches([.. credential.SecretHash]))
        {
            Logger.LogInformation("Refused API key {KeyId}: unknown id or wrong secret", token.Id);
            return AuthenticateResult.Fail(Invalid);
        }

        switch (credential.Key.StateAt(_time.GetUtcNow()))
        {
            case ApiKeyState.Revoked:
                return AuthenticateResult.Fail($"the API key {token} was revoked at {credential.Key.RevokedAt!.Value.UtcDateTime:O}");
            case ApiKeyState.Expired:
                return AuthenticateResult.Fail($"the API key {token} expired at {credential.Key.ExpiresAt!.Value.UtcDateTime:O}");
        }

        Context.Items[CredentialItem] = credential;
        var identity = new ClaimsIdentity(
            [
                new Claim(ClaimTypes.Name, credential.Principal.Name),
                new Claim(KeyIdClaim, credential.Key.Id),
                new Claim(PrincipalIdClaim, credential.Principal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }
}
