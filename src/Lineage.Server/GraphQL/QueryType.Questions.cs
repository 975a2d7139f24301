using GraphQL;
using GraphQL.Types;
using Lineage.Application;
using Lineage.Server.GraphQL.Questions;

namespace Lineage.Server.GraphQL;

internal sealed partial class QueryType
{
    private void AddQuestionFields()
    {
        Field<NonNullGraphType<ImpactType>>("impact")
            .Description("Everything in the registries made from a version or run: the linked versions downstream, with their aliases and collections, and the runs in between.")
            .Argument<NonNullGraphType<StringGraphType>>("start", "A version name (acme/data/raw:v3) or a run path.")
            .Argument<IntGraphType>("depth", "How many hops to walk down, 0 to 100; 100 when not given.")
            .Argument<IntGraphType>("maxNodes", "The walk's node budget (1000 when not given, at most 50000); truncated tells whether it cut anything.")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var (depth, maxNodes) = LineageArguments.Budget(c, lineage, 100);
                var (start, _) = await LineageArguments.ResolveStartAsync(c.GetArgument<string>("start"), lineage, c.CancellationToken).ConfigureAwait(false);
                return await new LineageQuestions(lineage.Store).ImpactAsync(start, depth, maxNodes, lineage.Access, c.CancellationToken).ConfigureAwait(false);
            });

        Field<NonNullGraphType<LineageComparisonType>>("compareLineage")
            .Description("The upstreams of two versions (or two runs) compared: what only one has, what changed version, and the config differences of the runs that made them.")
            .Argument<NonNullGraphType<StringGraphType>>("a", "A version name (acme/zoo/zoo-ylbchv20:v0) or a run path.")
            .Argument<NonNullGraphType<StringGraphType>>("b", "Of the same kind as a.")
            .Argument<IntGraphType>("depth", "How many hops to walk up from each, 0 to 100; 100 when not given.")
            .Argument<IntGraphType>("maxNodes", "Each walk's node budget (1000 when not given, at most 50000).")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                var (depth, maxNodes) = LineageArguments.Budget(c, lineage, 100, walks: 2);
                var (a, _) = await LineageArguments.ResolveStartAsync(c.GetArgument<string>("a"), lineage, c.CancellationToken, "a").ConfigureAwait(false);
                var (b, _) = await LineageArguments.ResolveStartAsync(c.GetArgument<string>("b"), lineage, c.CancellationToken, "b").ConfigureAwait(false);
                return await new LineageQuestions(lineage.Store).CompareAsync(a, b, depth, maxNodes, lineage.Access, c.CancellationToken).ConfigureAwait(false);
            });
    }
}
