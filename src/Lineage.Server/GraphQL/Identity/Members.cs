using GraphQL;
using Lineage.Identity;
using Lineage.Server.GraphQL.Loading;

namespace Lineage.Server.GraphQL.Identity;

/// <summary>The <c>members</c> connection of a namespace or registry.</summary>
internal static class Members
{
    public static async Task<Connection<MembershipRecord>> PageAsync(IResolveFieldContext context, string resource)
    {
        var lineage = context.Lineage();
        var page = Args.Page(context);
        var members = await lineage.Identities.GetMembersAsync(resource, lineage.Access, page, context.CancellationToken).ConfigureAwait(false);
        return StoreConnection.Of(members, page, ct => lineage.Identities.CountMembersAsync(resource, lineage.Access, ct));
    }
}
