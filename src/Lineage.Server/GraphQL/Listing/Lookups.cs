using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Lineage.Errors;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Names;
using Lineage.Store;

namespace Lineage.Server.GraphQL.Listing;

/// <summary>Look-ups by name inside a project, and a project's tiles.</summary>
internal static class Lookups
{
    /// <summary>The most values a tile lists.</summary>
    public const int MaxTallies = 1000;

    public static FieldBuilder<TSource, TReturn> Tallied<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Argument<IntGraphType>("first", $"How many values to return: 50 when not given, at most {MaxTallies}.");

    public static async Task<RunRecord?> RunAsync(IResolveFieldContext context, ProjectRecord project, string name)
    {
        NameRules.RequireName(name, "run name");
        var lineage = context.Lineage();
        return await lineage.Store.FindRunAsync(new RunPath(project.Namespace, project.Name, name), lineage.Access, context.CancellationToken).ConfigureAwait(false);
    }

    public static async Task<ArtifactRecord?> ArtifactAsync(IResolveFieldContext context, ProjectRecord project, string name)
    {
        NameRules.RequireName(name, "artifact name");
        var lineage = context.Lineage();
        var query = ListRules.Check(ListKind.ProjectArtifacts, project.Id, new ListFilter { Name = name }, ListOrder.Default, new PageRequest(1));
        var page = await lineage.Store.ListPageAsync(query, context.CancellationToken).ConfigureAwait(false);
        return page.Items.Count == 0 ? null : (await lineage.Store.GetArtifactsAsync([page.Items[0].Value], context.CancellationToken).ConfigureAwait(false)).FirstOrDefault();
    }

    public static async Task<IReadOnlyList<Tally>> TallyAsync(IResolveFieldContext context, TallyKind kind, ProjectRecord project)
    {
        var first = context.GetArgument<int?>("first") ?? context.Lineage().Limits.DefaultPageSize;
        if (first is < 0 or > MaxTallies)
        {
            throw new InvalidArgumentException($"first must be 0 to {MaxTallies}, not {first}") { Argument = "first" };
        }

        return await context.Lineage().Store.TallyAsync(kind, project.Id, first, context.CancellationToken).ConfigureAwait(false);
    }
}
