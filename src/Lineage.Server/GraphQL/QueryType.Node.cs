using GraphQL;
using GraphQL.Types;
using Lineage.Application;
using Lineage.Errors;
using Lineage.Names;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL;

internal sealed partial class QueryType
{
    private void AddNodeFields()
    {
        Field<NodeInterface>("node")
            .Description("Anything with a global id (Relay's Node), if it exists and the caller may see it; null otherwise.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c => (await FindNodesAsync(c, [c.GetArgument<string>("id")]).ConfigureAwait(false))[0]);

        Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description("Many things by global id, in the order asked; null in the place of each that does not exist or is hidden from the caller.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", "At most maxPageSize (1000) ids.")
            .ResolveAsync(async c => await FindNodesAsync(c, c.GetArgument<List<string>>("ids")).ConfigureAwait(false));
    }

    private static async Task<IReadOnlyList<object?>> FindNodesAsync(IResolveFieldContext c, IReadOnlyList<string> ids)
    {
        var lineage = c.Lineage();
        if (ids.Count > lineage.Limits.MaxPageSize)
        {
            throw new LimitExceededException("maxPageSize", $"nodes takes at most {lineage.Limits.MaxPageSize} ids, not {ids.Count} (limit maxPageSize)");
        }

        var decoded = new List<(NodeType, long)>(ids.Count);
        foreach (var id in ids)
        {
            decoded.Add(lineage.Ids.TryDecode(id, out var type, out var value)
                ? (type, value)
                : throw new InvalidArgumentException($"{NameRules.Quote(id)} is not an id this server gave out: pass the id field of a Run, ArtifactVersion, Collection, ..."));
        }

        var lookup = new NodeLookup(lineage.Store, lineage.Identities, lineage.Registries);
        return await lookup.FindAsync(decoded, lineage.Actor, c.CancellationToken).ConfigureAwait(false);
    }
}
