using GraphQL.Types;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL;

/// <summary>
/// What a document may cost, checked before anything runs. Every field costs one, times the
/// items each list above it can return: a connection's <c>first</c> (the default page size when
/// not given), a search's <c>first</c>. A lineage graph costs its budget: <c>maxNodes</c> for its
/// nodes and twice that for its edges, whatever scalars are picked from them (a lineage export
/// costs the same), and anything
/// selected through a node (its run or version, and their lists) costs once per node. Lists
/// that cannot grow past a fixed bound (aliases, tags, protected aliases) hold scalars and
/// multiply nothing. Introspection costs one per field: it reads the schema, not the data.
/// </summary>
internal static class QueryCost
{
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ApiLimits, ComplexityValidationRule> Rules = new();

    /// <summary>The cost rule for <paramref name="limits"/>, built once for each set of limits.</summary>
    public static ComplexityValidationRule Rule(ApiLimits limits) =>
        Rules.GetValue(limits, l => new ComplexityValidationRule(Options(l)));

    public static ComplexityOptions Options(ApiLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return new ComplexityOptions
        {
            MaxDepth = limits.MaxQueryDepth,
            MaxComplexity = limits.MaxComplexity,
            DefaultComplexityImpactDelegate = field => Impact(field, limits),
        };
    }

    private static FieldComplexityResult Impact(FieldImpactContext field, ApiLimits limits)
    {
        var definition = field.FieldDefinition;
        if (definition.Name.StartsWith("__", StringComparison.Ordinal) || field.ParentType.Name.StartsWith("__", StringComparison.Ordinal))
        {
            return new FieldComplexityResult(1, 1);
        }

        var type = definition.ResolvedType is NonNullGraphType nonNull ? nonNull.ResolvedType : definition.ResolvedType;
        // A lineage export is a lineage graph written out: it costs the graph's nodes and edges.
        if (definition.Name == "lineageExport" && field.ParentType.Name == "Query")
        {
            var budget = (double)(field.GetArgument<int?>("maxNodes") ?? limits.DefaultLineageNodes) * (1 + LineageQuery.EdgesPerNode);
            return new FieldComplexityResult(budget, 1);
        }

        if (type is not ListGraphType)
        {
            // A lineage node's or edge's scalars are paid for by the graph's budget.
            return field.ParentType.Name is "LineageNode" or "LineageEdge" && type is ScalarGraphType or EnumerationGraphType
                ? new FieldComplexityResult(0, 1)
                : new FieldComplexityResult(1, 1);
        }

        // The lists of a walk's answer (a lineage graph, an impact, a comparison of two walks) hold as many as its budget.
        if (field.Parent is { } walk && walk.FieldDefinition.Name is "lineage" or "impact" or "compareLineage")
        {
            var perNode = definition.Name == "edges" ? LineageQuery.EdgesPerNode : walk.FieldDefinition.Name == "compareLineage" ? 2 : 1;
            var budget = (double)(walk.GetArgument<int?>("maxNodes") ?? limits.DefaultLineageNodes) * perNode;
            return new FieldComplexityResult(budget, budget);
        }

        // The edges and nodes of a connection: as many as the field above allows.
        if (definition.Name is "edges" or "nodes" && field.Parent is { } parent)
        {
            if (parent.FieldDefinition.Arguments?.Find("first") is not null)
            {
                return new FieldComplexityResult(1, parent.GetArgument<int?>("first") ?? limits.DefaultPageSize);
            }
        }

        // Things asked for by id (nodes): as many as the ids.
        if (definition.Arguments?.Find("ids") is not null)
        {
            return new FieldComplexityResult(1, field.Arguments?.TryGetValue("ids", out var ids) == true && ids.Value is System.Collections.ICollection { Count: > 0 } asked ? asked.Count : 1);
        }

        // A list field with a size of its own (search).
        if (definition.Arguments?.Find("first") is { } first)
        {
            return new FieldComplexityResult(1, field.GetArgument<int?>("first") ?? (first.DefaultValue as int? ?? limits.DefaultPageSize));
        }

        return new FieldComplexityResult(1, 1);
    }
}
