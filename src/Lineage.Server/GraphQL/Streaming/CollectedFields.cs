using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
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
    private readonly ConcurrentDictionary<(GraphQLSelectionSet Selection, IGraphType Type), (GraphQLField Field, FieldType FieldType)[]> _collected = new(SameNodes.Instance);

    /// <summary>The fields kept for <paramref name="selection"/> and <paramref name="type"/>, in the order the answer writes them.</summary>
    public bool TryGet(GraphQLSelectionSet selection, IGraphType type, out (GraphQLField Field, FieldType FieldType)[] fields) =>
        _collected.TryGetValue((selection, type), out fields!);

    /// <summary>Keeps the fields collected from <paramref name="selection"/> for <paramref name="type"/>.</summary>
    public (GraphQLField Field, FieldType FieldType)[] Keep(GraphQLSelectionSet selection, IGraphType type, Dictionary<string, (GraphQLField Field, FieldType FieldType)> collected)
    {
        var fields = collected.Values.ToArray();
        _collected[(selection, type)] = fields;
        return fields;
    }

    /// <summary>A selection set and a type are the same only as the same objects: the document's and the schema's.</summary>
    private sealed class SameNodes : IEqualityComparer<(GraphQLSelectionSet Selection, IGraphType Type)>
    {
        public static readonly SameNodes Instance = new();

        public bool Equals((GraphQLSelectionSet Selection, IGraphType Type) x, (GraphQLSelectionSet Selection, IGraphType Type) y) =>
            ReferenceEquals(x.Selection, y.Selection) && ReferenceEquals(x.Type, y.Type);

        public int GetHashCode((GraphQLSelectionSet Selection, IGraphType Type) obj) =>
            HashCode.Combine(RuntimeHelpers.GetHashCode(obj.Selection), RuntimeHelpers.GetHashCode(obj.Type));
    }
}
