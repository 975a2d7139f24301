using GraphQL.Execution;

namespace Lineage.Server.GraphQL.Streaming;

/// <summary>
/// Runs queries as graphql-dotnet's parallel strategy does, except two things. The nodes and
/// edges of a lineage answer: when only their scalars are asked for, each list becomes one
/// <see cref="LineageListNode"/>, written item by item into the answer, instead of an execution
/// node per item and per field that the whole answer holds until it is written. And scalars
/// whose resolver only reads the parent's record (<see cref="SourceReaders.Reads"/>) are read
/// without building a resolver context.
/// </summary>
internal sealed class QueryExecutionStrategy : ParallelExecutionStrategy
{
    protected override Task ExecuteNodeAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode node)
    {
        // A scalar read off its record needs no resolver context. A field middleware wraps the
        // resolver, so a field it watches never takes this path; a read that throws is resolved
        // again the usual way, which reports the error on the field.
        if (node is ValueExecutionNode && node.FieldDefinition.Resolver is ISourceReader reader && node.Source is { } source)
        {
            object? value;
            try
            {
                value = reader.Read(source);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                return base.ExecuteNodeAsync(context, node);
            }

            node.Result = value;
            return CompleteNodeAsync(context, node);
        }

        return base.ExecuteNodeAsync(context, node);
    }

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
