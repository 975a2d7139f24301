using GraphQL.Execution;

namespace Lineage.Server.GraphQL.Streaming;

/// <summary>
/// Runs queries as graphql-dotnet's parallel strategy does, except the nodes and edges of a
/// lineage answer: when only their scalars are asked for, each list becomes one
/// <see cref="LineageListNode"/>, written item by item into the answer, instead of an execution
/// node per item and per field that the whole answer holds until it is written.
/// </summary>
internal sealed class QueryExecutionStrategy : ParallelExecutionStrategy
{
    protected override void SetSubFieldNodes(global::GraphQL.Execution.ExecutionContext context, ObjectExecutionNode parent)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parent);
        base.SetSubFieldNodes(context, parent);
        if (parent.GraphType?.Name != "LineageGraph" || parent.SubFields is not { } fields || context.UserContext is not LineageContext lineage)
        {
            return;
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i] is ArrayExecutionNode list && LineageListNode.Columns(list, GetSubFields(context, list)) is { } columns)
            {
                fields[i] = new LineageListNode(list, columns, lineage.Ids);
            }
        }
    }
}
