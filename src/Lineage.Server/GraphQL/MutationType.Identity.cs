using GraphQL;
using GraphQL.Types;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;
using Lineage.Server.GraphQL.Inputs;

namespace Lineage.Server.GraphQL;

internal sealed partial class MutationType
{
    private void AddIdentityFields()
    {
        Field<NonNullGraphType<PrincipalType>>("createUser")
            .Description("Creates a user and the user's own namespace. Site administrators only.")
            .Argument<NonNullGraphType<CreateUserInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateUserInputType.Value>("input");
                var lineage = c.Lineage();
                return await lineage.Identities.CreateUserAsync(new CreateUserCommand(input.Name, input.Administrator), lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<NamespaceType>>("createNamespace")
            .Description("Creates a team or an organization. Organizations and stand-alone teams need a site administrator; a team in an organization, one of its ADMINs.")
            .Argument<NonNullGraphType<CreateNamespaceInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateNamespaceInputType.Value>("input");
                var lineage = c.Lineage();
                var command = new CreateNamespaceCommand(input.Name, input.Kind, input.Organization);
                return await lineage.Identities.CreateNamespaceAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<PrincipalType>>("createServiceAccount")
            .Description("Creates a service account owned by a namespace. ADMINs of the namespace only.")
            .Argument<NonNullGraphType<CreateServiceAccountInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateServiceAccountInputType.Value>("input");
                var lineage = c.Lineage();
                var command = new CreateServiceAccountCommand(input.Namespace, input.Name, input.Role);
                return await lineage.Identities.CreateServiceAccountAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<MembershipType>>("grantRole")
            .Description("Grants a role on a namespace or registry to a user, service account or team. ADMINs of the namespace or registry only.")
            .Argument<NonNullGraphType<GrantRoleInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<GrantRoleInputType.Value>("input");
                var lineage = c.Lineage();
                return await lineage.Identities.GrantRoleAsync(new GrantRoleCommand(input.Resource, input.Member, input.Role), lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<BooleanGraphType>>("revokeRole")
            .Description("Removes a member's role on a namespace or registry; false when it held none.")
            .Argument<NonNullGraphType<RevokeRoleInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RevokeRoleInputType.Value>("input");
                var lineage = c.Lineage();
                return await lineage.Identities.RevokeRoleAsync(new RevokeRoleCommand(input.Resource, input.Member), lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<RegistryType>>("createRegistry")
            .Description("Creates a registry owned by a namespace. ADMINs of the namespace only.")
            .Argument<NonNullGraphType<CreateRegistryInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateRegistryInputType.Value>("input");
                var lineage = c.Lineage();
                var command = new CreateRegistryCommand(input.Owner, input.Name, input.Visibility, input.ProtectedAliases);
                return await lineage.Identities.CreateRegistryAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<RegistryType>>("updateRegistry")
            .Description("Changes a registry's visibility or protected aliases. Registry ADMINs only.")
            .Argument<NonNullGraphType<UpdateRegistryInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<UpdateRegistryInputType.Value>("input");
                var lineage = c.Lineage();
                return await lineage.Identities.UpdateRegistryAsync(new UpdateRegistryCommand(input.Registry, input.Visibility, input.ProtectedAliases), lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<NewApiKeyType>>("createApiKey")
            .Description("Makes an API key and shows it once; only a hash of its secret is stored.")
            .Argument<NonNullGraphType<CreateApiKeyInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<CreateApiKeyInputType.Value>("input");
                var lineage = c.Lineage();
                var token = ApiKeyToken.Generate();
                DateTimeOffset? expires = input.ExpiresAt is { } at ? new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
                var command = new CreateApiKeyCommand(input.Owner ?? lineage.Actor.Name, input.Name, expires, token.Id, token.Hash());
                var stored = await lineage.Identities.CreateApiKeyAsync(command, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
                lineage.RevealedKeys.Add(token);
                return new NewApiKey(token.Reveal(), stored);
            });

        Field<NonNullGraphType<ApiKeyType>>("revokeApiKey")
            .Description("Revokes an API key; it stops working at once. Revoking a revoked key changes nothing.")
            .Argument<NonNullGraphType<RevokeApiKeyInputType>>("input")
            .ResolveAsync(async c =>
            {
                var input = c.GetArgument<RevokeApiKeyInputType.Value>("input");
                var lineage = c.Lineage();
                return await lineage.Identities.RevokeApiKeyAsync(input.Id, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
            });
    }
}
