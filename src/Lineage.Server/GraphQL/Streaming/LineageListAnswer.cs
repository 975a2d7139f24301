using System.Buffers;
using System.Collections;
using System.Text.Json;
using System.Text.Json.Serialization;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Streaming;

/// <summary>The nodes or edges of a lineage answer with the columns asked of them, written as the answer is serialized.</summary>
[JsonConverter(typeof(LineageListAnswerConverter))]
internal sealed record LineageListAnswer(IEnumerable Items, IReadOnlyList<LineageColumn> Columns, OpaqueIds Ids, string TypeName);

/// <summary>
/// Writes a <see cref="LineageListAnswer"/> a chunk of items at a time: the chunk's ids made
/// with one cipher call, each item's fields written in the order asked, and the writer
/// flushed into the response as it fills, so that a closure of tens of thousands of nodes is
/// never held in memory as anything larger than the graph's compact answer and its own text.
/// </summary>
internal sealed class LineageListAnswerConverter : JsonConverter<LineageListAnswer>
{
    private const int Chunk = 256;

    // Written text held by the writer before it is handed to the response.
    private const int FlushAt = 32 * 1024;

    public override LineageListAnswer Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("lineage lists are only ever written into answers");

    public override void Write(Utf8JsonWriter writer, LineageListAnswer value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        var names = value.Columns
            .Select(c => JsonEncodedText.Encode(options.PropertyNamingPolicy?.ConvertName(c.Key) ?? c.Key, options.Encoder))
            .ToArray();
        writer.WriteStartArray();
        switch (value.Items)
        {
            case IEnumerable<LineageNode> nodes:
                WriteNodes(writer, nodes, value, names);
                break;
            case IEnumerable<LineageEdge> edges:
                WriteEdges(writer, edges, value, names);
                break;
            default:
                throw new InvalidOperationException($"a lineage list holds nodes or edges, not {value.Items.GetType().Name}");
        }

        writer.WriteEndArray();
    }

    private static void WriteNodes(Utf8JsonWriter writer, IEnumerable<LineageNode> items, LineageListAnswer value, JsonEncodedText[] names)
    {
        var withIds = value.Columns.Any(c => c.Kind == LineageColumnKind.Id);
        var chunk = new List<LineageNode>(Chunk);
        var refs = new NodeRef[Chunk];
        var ids = ArrayPool<byte>.Shared.Rent(Chunk * OpaqueIds.NodeIdSlot);
        var lengths = new int[Chunk];
        var path = ArrayPool<char>.Shared.Rent(256);
        try
        {
            using var each = items.GetEnumerator();
            for (var more = true; more;)
            {
                chunk.Clear();
                while (chunk.Count < Chunk && (more = each.MoveNext()))
                {
                    refs[chunk.Count] = each.Current.Node;
                    chunk.Add(each.Current);
                }

                if (withIds)
                {
                    value.Ids.WriteNodeIds(refs.AsSpan(0, chunk.Count), ids, lengths);
                }

                for (var i = 0; i < chunk.Count; i++)
                {
                    var node = chunk[i];
                    writer.WriteStartObject();
                    for (var c = 0; c < names.Length; c++)
                    {
                        var column = value.Columns[c];
                        switch (column.Kind)
                        {
                            case LineageColumnKind.Id:
                                writer.WriteString(names[c], ids.AsSpan(i * OpaqueIds.NodeIdSlot, lengths[i]));
                                break;
                            case LineageColumnKind.NodeKind:
                                writer.WriteString(names[c], column.EnumNames![(int)node.Node.Kind]);
                                break;
                            case LineageColumnKind.Name:
                                writer.WriteString(names[c], node.Name);
                                break;
                            case LineageColumnKind.Path:
                                var length = node.ProjectPath.Length + 1 + node.Name.Length;
                                if (path.Length < length)
                                {
                                    ArrayPool<char>.Shared.Return(path);
                                    path = ArrayPool<char>.Shared.Rent(length);
                                }

                                node.ProjectPath.CopyTo(path);
                                path[node.ProjectPath.Length] = '/';
                                node.Name.CopyTo(path.AsSpan(node.ProjectPath.Length + 1));
                                writer.WriteString(names[c], path.AsSpan(0, length));
                                break;
                            case LineageColumnKind.Type when node.Type is null:
                                writer.WriteNull(names[c]);
                                break;
                            case LineageColumnKind.Type:
                                writer.WriteString(names[c], node.Type);
                                break;
                            case LineageColumnKind.Hops:
                                writer.WriteNumber(names[c], node.Hops);
                                break;
                            case LineageColumnKind.TypeName:
                                writer.WriteString(names[c], value.TypeName);
                                break;
                            default:
                                throw new InvalidOperationException($"{column.Kind} is not a field of a lineage node");
                        }
                    }

                    writer.WriteEndObject();
                }

                if (writer.BytesPending >= FlushAt)
                {
                    writer.Flush();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(ids);
            ArrayPool<char>.Shared.Return(path);
        }
    }

    private static void WriteEdges(Utf8JsonWriter writer, IEnumerable<LineageEdge> items, LineageListAnswer value, JsonEncodedText[] names)
    {
        var withIds = value.Columns.Any(c => c.Kind is LineageColumnKind.From or LineageColumnKind.To);
        var chunk = new List<LineageEdge>(Chunk);
        var refs = new NodeRef[Chunk * 2];
        var ids = ArrayPool<byte>.Shared.Rent(Chunk * 2 * OpaqueIds.NodeIdSlot);
        var lengths = new int[Chunk * 2];
        try
        {
            using var each = items.GetEnumerator();
            for (var more = true; more;)
            {
                chunk.Clear();
                while (chunk.Count < Chunk && (more = each.MoveNext()))
                {
                    refs[chunk.Count * 2] = each.Current.From;
                    refs[(chunk.Count * 2) + 1] = each.Current.To;
                    chunk.Add(each.Current);
                }

                if (withIds)
                {
                    value.Ids.WriteNodeIds(refs.AsSpan(0, chunk.Count * 2), ids, lengths);
                }

                for (var i = 0; i < chunk.Count; i++)
                {
                    writer.WriteStartObject();
                    for (var c = 0; c < names.Length; c++)
                    {
                        var column = value.Columns[c];
                        switch (column.Kind)
                        {
                            case LineageColumnKind.From:
                            case LineageColumnKind.To:
                                var end = (i * 2) + (column.Kind == LineageColumnKind.To ? 1 : 0);
                                writer.WriteString(names[c], ids.AsSpan(end * OpaqueIds.NodeIdSlot, lengths[end]));
                                break;
                            case LineageColumnKind.EdgeKind:
                                writer.WriteString(names[c], column.EnumNames![(int)chunk[i].Kind]);
                                break;
                            case LineageColumnKind.TypeName:
                                writer.WriteString(names[c], value.TypeName);
                                break;
                            default:
                                throw new InvalidOperationException($"{column.Kind} is not a field of a lineage edge");
                        }
                    }

                    writer.WriteEndObject();
                }

                if (writer.BytesPending >= FlushAt)
                {
                    writer.Flush();
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(ids);
        }
    }
}
