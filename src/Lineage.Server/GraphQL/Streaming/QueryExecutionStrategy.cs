using System.Runtime.CompilerServices;
using GraphQL.Execution;

namespace Lineage.Server.GraphQL.Streaming;

/// <summary>
/// Runs queries as graphql-dotnet's parallel strategy does, except two things. The nodes and
/// edges of a lineage answer: when only their scalars are asked for, each list becomes one
/// <see cref="LineageListNode"/>, written item by item into the answer, instead of an execution
/// node per item and per field that the whole answer holds until it is written. And scalars
/// whose resolver only reads the parent's record (<see cref="SourceReaders.Reads"/>) are read
/// without building a resolver context, and the items of a list collect the fields of their
/// selection once (<see cref="CollectedFields"/>).
/// </summary>
internal sealed class QueryExecutionStrategy : ParallelExecutionStrategy
{
    private readonly ConditionalWeakTable<global::GraphQL.Execution.ExecutionContext, CollectedFields> _collected = [];

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
        if (parent.SelectionSet is not { } selection)
        {
            base.SetSubFieldNodes(context, parent);
            return;
        }

        var type = parent.GetObjectGraphType(context.Schema)!;
        var collected = _collected.GetValue(context, static _ => new CollectedFields());
        if (!collected.TryGet(selection, type, out var fields))
        {
            fields = collected.Keep(selection, type, CollectFieldsFrom(context, type, selection, null));
        }

        var nodes = new ExecutionNode[fields.Length];
        for (var i = 0; i < fields.Length; i++)
        {
            var (field, definition) = fields[i];
            nodes[i] = BuildExecutionNode(parent, definition.ResolvedType!, field, definition);
        }

        parent.SubFields = nodes;
        if (type.Name != "LineageGraph" || context.UserContext is not LineageContext lineage)
        {
            return;
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            if (nodes[i] is ArrayExecutionNode list && LineageListNode.Columns(list, GetSubFields(context, list)) is { } columns)
            {
                nodes[i] = new LineageListNode(list, columns, lineage.Ids);
            }
        }
    }
}
