using GraphQL.Types;
using GraphQLParser.AST;

namespace Lineage.Server.GraphQL.Streaming;

/// <summary>
/// The fields collected from a selection set for an object type, kept for one execution. Every
/// item of a list shares its selection set and, but for unions and interfaces, its type, and
/// skip and include read only the execution's variables: the items of a hundred-item list
/// then collect their fields once, not a hundred times.
/// </summary>
internal sealed class CollectedFields
{
    private readonly Dictionary<(GraphQLSelectionSet, IGraphType), (GraphQLField Field, FieldType FieldType)[]> _collected = [];

    /// <summary>
    /// The fields of <paramref name="selection"/> for <paramref name="type"/>, in the order the
    /// answer writes them; <paramref name="collect"/> collects them the first time they are asked.
    /// </summary>
    public (GraphQLField Field, FieldType FieldType)[] For(
        GraphQLSelectionSet selection,
        IGraphType type,
        Func<Dictionary<string, (GraphQLField Field, FieldType FieldType)>> collect)
    {
        lock (_collected)
        {
            if (_collected.TryGetValue((selection, type), out var known))
            {
                return known;
            }
        }

        var fields = collect().Values.ToArray();
        lock (_collected)
        {
            _collected[(selection, type)] = fields;
        }

        return fields;
    }
}
