using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Server.GraphQL.Types;
using Lineage.Store;

namespace Lineage.Server.GraphQL;

/// <summary>Turns the arguments of <c>Query.lineage</c> into a checked <see cref="LineageQuery"/>.</summary>
internal static class LineageArguments
{
    /// <summary>The arguments of <c>Query.lineage</c>, for a field that walks as it does.</summary>
    public static FieldBuilder<TSource, TReturn> WalkArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) => field
        .Argument<NonNullGraphType<StringGraphType>>("start", "A run path or a version name (names with ':' are versions).")
        .Argument<LineageDirectionType>("direction", "UPSTREAM, DOWNSTREAM or BOTH.", a => a.DefaultValue = LineageDirection.Both)
        .Argument<IntGraphType>("depth", "How many hops to walk, 0 to 100.", a => a.DefaultValue = 3)
        .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("artifactTypes", "Only versions of these types are returned and walked through.")
        .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("jobTypes", "Only runs of these job types are returned and walked through.")
        .Argument<IntGraphType>("maxNodes", "The node budget (1000 when not given, at most 50000); the answer says when it or the depth cut anything.")
        .Argument<DateTimeGraphType>("asOf", "A past time: only what was recorded by then is walked (not in the future, not before the start began).");

    public static async Task<LineageQuery> ReadAsync(IResolveFieldContext context, LineageContext lineage, CancellationToken cancellationToken)
    {
        var (depth, maxNodes) = Budget(context, lineage, 3);
        var (start, began) = await ResolveStartAsync(context.GetArgument<string>("start"), lineage, cancellationToken).ConfigureAwait(false);
        var asOf = Args.Utc(context.GetArgument<DateTime?>("asOf"));
        if (asOf is not null)
        {
            AsOfRules.Check(asOf.Value, context.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow(), began, $"'{context.GetArgument<string>("start")}'");
        }

        return new LineageQuery(
            start,
            context.GetArgument("direction", LineageDirection.Both),
            depth,
            TypeFilter(context.GetArgument<List<string>?>("artifactTypes"), "artifactTypes"),
            TypeFilter(context.GetArgument<List<string>?>("jobTypes"), "jobTypes"),
            maxNodes)
        {
            AsOf = asOf,
        };
    }

    /// <summary>
    /// The <c>depth</c> and <c>maxNodes</c> arguments of a walk, checked against the limits, with
    /// the nodes taken from the document's budget.
    /// </summary>
    public static (int Depth, int MaxNodes) Budget(IResolveFieldContext context, LineageContext lineage, int defaultDepth, int walks = 1)
    {
        var limits = lineage.Limits;
        var depth = context.GetArgument<int?>("depth") ?? Math.Min(defaultDepth, limits.MaxLineageDepth);
        if (depth < 0)
        {
            throw new InvalidArgumentException($"depth must be 0 or more, not {depth}");
        }

        if (depth > limits.MaxLineageDepth)
        {
            throw new LimitExceededException("depth", $"depth is {depth} but lineage walks at most {limits.MaxLineageDepth} hops (limit depth ≤ {limits.MaxLineageDepth})");
        }

        var maxNodes = context.GetArgument<int?>("maxNodes") ?? limits.DefaultLineageNodes;
        if (maxNodes < 1)
        {
            throw new InvalidArgumentException($"maxNodes must be 1 or more, not {maxNodes}");
        }

        if (maxNodes > limits.MaxLineageNodes)
        {
            throw new LimitExceededException("maxNodes", $"maxNodes is {maxNodes} but a lineage answer holds at most {limits.MaxLineageNodes} nodes (limit maxNodes ≤ {limits.MaxLineageNodes})");
        }

        lineage.ReserveLineageNodes(maxNodes * walks);
        return (depth, maxNodes);
    }

    /// <summary>
    /// The start node: a version when the name has a ':'; otherwise the run of that path, or,
    /// when there is none, the artifact of that path at its latest version (as
    /// <c>Query.artifact</c> reads a name without a version).
    /// </summary>
    /// <returns>The start node, and when what the name names began (logged, linked or created).</returns>
    public static async Task<(NodeRef Start, DateTimeOffset Began)> ResolveStartAsync(
        string start, LineageContext lineage, CancellationToken cancellationToken, string argument = "start")
    {
        if (VersionRef.LooksLikeVersionName(start))
        {
            var name = VersionRef.Parse(start, argument);
            var named = await lineage.Store.RequireVersionAsync(name, lineage.Access, cancellationToken).ConfigureAwait(false);
            return (StartAt(named, lineage), named.CreatedAt);
        }

        var path = RunPath.Parse(start, argument);
        if (await lineage.Store.FindRunAsync(path, lineage.Access, cancellationToken).ConfigureAwait(false) is { } run)
        {
            return (NodeRef.Run(run.Id), run.CreatedAt);
        }

        var latest = new VersionRef(path.Namespace, path.Project, path.Name, VersionSelector.Latest);
        return await lineage.Store.FindVersionAsync(latest, lineage.Access, cancellationToken).ConfigureAwait(false) is { } version
            ? (StartAt(version, lineage), version.CreatedAt)
            : throw new NotFoundException($"no run or artifact '{path}' was found (a version is named with ':', as in '{path}:v0')");
    }

    private static NodeRef StartAt(VersionRecord version, LineageContext lineage)
    {
        // A linked version's lineage is its source's, and walking it needs a role where the source is.
        if (version.Link is { } link && !lineage.Access.CanSeeNamespace(link.SourceNamespaceId))
        {
            throw new ForbiddenException(
                $"the lineage of '{version.QualifiedName}' is that of its source version, which is in a project you have no role in");
        }

        return NodeRef.Version(version.Id);
    }

    private static HashSet<string>? TypeFilter(List<string>? types, string argument)
    {
        if (types is null)
        {
            return null;
        }

        foreach (var type in types)
        {
            NameRules.RequireName(type, $"type in {argument}");
        }

        return new HashSet<string>(types, StringComparer.Ordinal);
    }
}
