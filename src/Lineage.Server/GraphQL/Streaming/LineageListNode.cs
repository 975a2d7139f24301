using System.Collections;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Streaming;

/// <summary>What a column of a streamed lineage list writes for each item.</summary>
internal enum LineageColumnKind
{
    Id,
    NodeKind,
    Name,
    Path,
    Type,
    Hops,
    From,
    To,
    EdgeKind,
    TypeName,
}

/// <summary>One field asked of each item: its response key, what it writes, and the names of enum values as the schema gives them.</summary>
internal sealed record LineageColumn(string Key, LineageColumnKind Kind, IReadOnlyDictionary<int, string>? EnumNames = null);

/// <summary>
/// The <c>nodes</c> or <c>edges</c> of a lineage answer when only scalars are asked of them:
/// one execution node for the whole list, written item by item as the answer is serialized
/// (<see cref="LineageListAnswer"/>), instead of an execution node per item and per field.
/// </summary>
internal sealed class LineageListNode : ExecutionNode
{
    private readonly IReadOnlyList<LineageColumn> _columns;
    private readonly OpaqueIds _ids;

    public LineageListNode(ArrayExecutionNode list, IReadOnlyList<LineageColumn> columns, OpaqueIds ids)
        : base(list.Parent, list.GraphType, list.Field, list.FieldDefinition, list.IndexInParentNode)
    {
        _columns = columns;
        _ids = ids;
    }

    /// <summary>
    /// The columns of <paramref name="list"/> when it may be streamed: the nodes or edges of a
    /// <c>LineageGraph</c> with only scalar fields (and <c>__typename</c>) collected from its
    /// selection, skip, include and fragments applied. Null when anything else is asked, such
    /// as a node's <c>run</c>: the list then executes as any other.
    /// </summary>
    public static IReadOnlyList<LineageColumn>? Columns(ArrayExecutionNode list, Dictionary<string, (GraphQLField Field, FieldType FieldType)>? fields)
    {
        if (fields is null || list.Parent?.GraphType?.Name != "LineageGraph" || list.FieldDefinition.Name is not ("nodes" or "edges"))
        {
            return null;
        }

        var ofNodes = list.FieldDefinition.Name == "nodes";
        var columns = new List<LineageColumn>(fields.Count);
        foreach (var (key, (_, definition)) in fields)
        {
            LineageColumnKind? kind = (ofNodes, definition.Name) switch
            {
                (_, "__typename") => LineageColumnKind.TypeName,
                (true, "id") => LineageColumnKind.Id,
                (true, "kind") => LineageColumnKind.NodeKind,
                (true, "name") => LineageColumnKind.Name,
                (true, "path") => LineageColumnKind.Path,
                (true, "type") => LineageColumnKind.Type,
                (true, "hops") => LineageColumnKind.Hops,
                (false, "from") => LineageColumnKind.From,
                (false, "to") => LineageColumnKind.To,
                (false, "kind") => LineageColumnKind.EdgeKind,
                _ => null,
            };
            if (kind is not { } known)
            {
                return null;
            }

            columns.Add(new LineageColumn(key, known, known switch
            {
                LineageColumnKind.NodeKind => EnumNames<NodeKind>(definition),
                LineageColumnKind.EdgeKind => EnumNames<EdgeKind>(definition),
                _ => null,
            }));
        }

        return columns;
    }

    public override object? ToValue() =>
        Result is IEnumerable items ? new LineageListAnswer(items, _columns, _ids, ((IComplexGraphType)((ListGraphType)Unwrap(GraphType!)).ResolvedType!.GetNamedType()).Name) : null;

    public override bool PropagateNull() => Result is null;

    /// <summary>The names an enum's values are written as, asked of its graph type, as a list of the enum would write them.</summary>
    private static Dictionary<int, string> EnumNames<T>(FieldType definition)
        where T : struct, Enum
    {
        var type = (EnumerationGraphType)Unwrap(definition.ResolvedType!);
        return Enum.GetValues<T>().ToDictionary(v => Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture), v => (string)type.Serialize(v)!);
    }

    private static IGraphType Unwrap(IGraphType type) => type is NonNullGraphType nonNull ? nonNull.ResolvedType! : type;
}
