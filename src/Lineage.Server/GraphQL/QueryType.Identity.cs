using GraphQL;
using GraphQL.Types;
using Lineage.Errors;
using Lineage.Server.GraphQL.Identity;
using Lineage.Server.GraphQL.Loading;

namespace Lineage.Server.GraphQL;

internal sealed partial class QueryType
{
    private void AddIdentityFields()
    {
        Field<NonNullGraphType<PrincipalType>>("viewer")
            .Description("Who the API key belongs to.")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var id = lineage.Actor.PrincipalId ?? throw new UnauthenticatedException("the request carries no principal");
                return await lineage.Identities.FindPrincipalAsync(id, c.CancellationToken).ConfigureAwait(false)
                    ?? throw new UnauthenticatedException("the key's principal no longer exists");
            });

        Field<NamespaceType>("namespace")
            .Description("A user, team or organization by name, if the caller holds a role in it.")
            .Argument<NonNullGraphType<StringGraphType>>("name")
            .ResolveAsync(async c =>
            {
                var name = c.GetArgument<string>("name");
                return await c.Lineage().Identities.FindNamespaceAsync(name, c.Lineage().Access, c.CancellationToken).ConfigureAwait(false)
                    ?? throw Missing.Namespace(name);
            });

        Field<NonNullGraphType<NamespaceConnectionType>>("namespaces")
            .Description("The users, teams and organizations the caller holds a role in (every one, for a site administrator), oldest first.")
            .Paged()
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var page = Args.Page(c);
                var namespaces = await lineage.Identities.GetNamespacesAsync(lineage.Access, page, c.CancellationToken).ConfigureAwait(false);
                return StoreConnection.Of(namespaces, page, ct => lineage.Identities.CountNamespacesAsync(lineage.Access, ct));
            });

        Field<RegistryType>("registry")
            .Description("A registry by path, e.g. acme/models, if the caller may see it.")
            .Argument<NonNullGraphType<StringGraphType>>("path")
            .ResolveAsync(async c =>
            {
                var path = c.GetArgument<string>("path");
                return await c.Lineage().Identities.FindRegistryAsync(path, c.Lineage().Access, c.CancellationToken).ConfigureAwait(false)
                    ?? throw Missing.Registry(path);
            });

        Field<NonNullGraphType<ApiKeyConnectionType>>("apiKeys")
            .Description("API keys, newest first, without their secrets: your own, or those of a principal whose keys you manage.")
            .Argument<StringGraphType>("owner", "Whose keys; yourself when not given.")
            .Argument<BooleanGraphType>("includeRevoked", "Also list revoked keys.", a => a.DefaultValue = false)
            .Paged()
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var owner = c.GetArgument<string?>("owner") ?? lineage.Actor.Name;
                var includeRevoked = c.GetArgument<bool>("includeRevoked");
                var page = Args.Page(c);
                var keys = await lineage.Identities.GetApiKeysAsync(owner, includeRevoked, lineage.Actor, page, c.CancellationToken).ConfigureAwait(false);
                return StoreConnection.Of(keys, page, ct => lineage.Identities.CountApiKeysAsync(owner, includeRevoked, lineage.Actor, ct));
            });
    }
}
