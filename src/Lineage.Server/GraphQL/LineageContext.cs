using GraphQL;
using Lineage.Application;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Server.GraphQL.Loading;
using Lineage.Store;

namespace Lineage.Server.GraphQL;

/// <summary>The per-request state every resolver reaches through <c>context.UserContext</c>.</summary>
internal sealed class LineageContext : Dictionary<string, object?>
{
    public LineageContext(Actor actor, ILineageStore store, Identities identities, Registries registries, ApiLimits limits, OpaqueIds ids)
    {
        Actor = actor;
        Ids = ids;
        Store = store;
        Identities = identities;
        Registries = registries;
        Limits = limits;
        Loaders = new RequestLoaders(store, identities, registries, actor.Access);
    }

    public Actor Actor { get; }

    public ILineageStore Store { get; }

    public Identities Identities { get; }

    /// <summary>Collections, linked versions, tags and audit history.</summary>
    public Registries Registries { get; }

    /// <summary>What the caller may see; every read passes it to the store.</summary>
    public Access Access => Actor.Access;

    public ApiLimits Limits { get; }

    /// <summary>Ids and cursors as clients see them.</summary>
    public OpaqueIds Ids { get; }

    /// <summary>Whether the request's document passed the cost rule before, with nothing in the request to change its cost.</summary>
    public bool CostChecked { get; set; }

    public RequestLoaders Loaders { get; private set; }

    private int _lineageNodes;

    /// <summary>
    /// Takes <paramref name="maxNodes"/> from the document's lineage budget: all the lineage
    /// fields of one document (aliases and fragments included) walk at most
    /// <see cref="ApiLimits.MaxLineageNodes"/> nodes together.
    /// </summary>
    public void ReserveLineageNodes(int maxNodes)
    {
        var total = Interlocked.Add(ref _lineageNodes, maxNodes);
        if (total > Limits.MaxLineageNodes)
        {
            throw new LimitExceededException(
                "maxNodes",
                $"the lineage fields of this document ask for {total} nodes in all; one document may ask for at most {Limits.MaxLineageNodes} (limit maxNodes)");
        }
    }

    /// <summary>API keys whose secret this request's answer shows: such an answer is never kept for a retry.</summary>
    public List<ApiKeyToken> RevealedKeys { get; } = [];

    /// <summary>Forgets everything loaded so far, so that later reads see earlier writes.</summary>
    public void ResetLoaders() => Loaders = new RequestLoaders(Store, Identities, Registries, Actor.Access);
}

internal static class LineageContextExtensions
{
    public static LineageContext Lineage(this IResolveFieldContext context) =>
        context.UserContext as LineageContext ?? throw new InvalidOperationException("the request has no Lineage context");

    /// <summary>The application layer's writes of runs, versions and aliases.</summary>
    public static LineageWrites Writes(this IResolveFieldContext context) =>
        context.RequestServices?.GetRequiredService<LineageWrites>() ?? throw new InvalidOperationException("the request has no services");
}
