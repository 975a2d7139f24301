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
        using var chunks = new Chunks<LineageNode>(items, 1, static (node, _) => node.Node, withIds ? value.Ids : null);
        var path = ArrayPool<char>.Shared.Rent(256);
        try
        {
            while (chunks.Next())
            {
                for (var i = 0; i < chunks.Items.Count; i++)
                {
                    var node = chunks.Items[i];
                    writer.WriteStartObject();
                    for (var c = 0; c < names.Length; c++)
                    {
                        var column = value.Columns[c];
                        switch (column.Kind)
                        {
                            case LineageColumnKind.Id:
                                writer.WriteString(names[c], chunks.Id(i, 0));
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

                FlushWhenFull(writer);
            }
        }
        finally
        {
            ArrayPool<char>.Shared.Return(path);
        }
    }

    private static void WriteEdges(Utf8JsonWriter writer, IEnumerable<LineageEdge> items, LineageListAnswer value, JsonEncodedText[] names)
    {
        var withIds = value.Columns.Any(c => c.Kind is LineageColumnKind.From or LineageColumnKind.To);
        using var chunks = new Chunks<LineageEdge>(items, 2, static (edge, end) => end == 0 ? edge.From : edge.To, withIds ? value.Ids : null);
        while (chunks.Next())
        {
            for (var i = 0; i < chunks.Items.Count; i++)
            {
                writer.WriteStartObject();
                for (var c = 0; c < names.Length; c++)
                {
                    var column = value.Columns[c];
                    switch (column.Kind)
                    {
                        case LineageColumnKind.From:
                            writer.WriteString(names[c], chunks.Id(i, 0));
                            break;
                        case LineageColumnKind.To:
                            writer.WriteString(names[c], chunks.Id(i, 1));
                            break;
                        case LineageColumnKind.EdgeKind:
                            writer.WriteString(names[c], column.EnumNames![(int)chunks.Items[i].Kind]);
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

            FlushWhenFull(writer);
        }
    }

    /// <summary>Hands what the writer holds to the response once it passes <see cref="FlushAt"/>.</summary>
    private static void FlushWhenFull(Utf8JsonWriter writer)
    {
        if (writer.BytesPending >= FlushAt)
        {
            writer.Flush();
        }
    }

    /// <summary>
    /// Items read <see cref="Chunk"/> at a time, with the ids of each item's ends (a node; an
    /// edge's from and to) made by one cipher call per chunk when <c>ids</c> is given.
    /// </summary>
    private sealed class Chunks<T> : IDisposable
    {
        private readonly IEnumerator<T> _items;
        private readonly int _ends;
        private readonly Func<T, int, NodeRef> _end;
        private readonly OpaqueIds? _ids;
        private readonly NodeRef[] _refs;
        private readonly int[] _lengths;
        private readonly byte[] _text;

        public Chunks(IEnumerable<T> items, int ends, Func<T, int, NodeRef> end, OpaqueIds? ids)
        {
            _items = items.GetEnumerator();
            (_ends, _end, _ids) = (ends, end, ids);
            _refs = new NodeRef[Chunk * ends];
            _lengths = new int[Chunk * ends];
            _text = ArrayPool<byte>.Shared.Rent(Chunk * ends * OpaqueIds.NodeIdSlot);
        }

        public List<T> Items { get; } = new(Chunk);

        /// <summary>Reads the next chunk; false when none is left.</summary>
        public bool Next()
        {
            Items.Clear();
            while (Items.Count < Chunk && _items.MoveNext())
            {
                for (var end = 0; end < _ends; end++)
                {
                    _refs[(Items.Count * _ends) + end] = _end(_items.Current, end);
                }

                Items.Add(_items.Current);
            }

            _ids?.WriteNodeIds(_refs.AsSpan(0, Items.Count * _ends), _text, _lengths);
            return Items.Count > 0;
        }

        /// <summary>The id of end <paramref name="end"/> of the chunk's item <paramref name="item"/>, as UTF-8.</summary>
        public ReadOnlySpan<byte> Id(int item, int end)
        {
            var at = (item * _ends) + end;
            return _text.AsSpan(at * OpaqueIds.NodeIdSlot, _lengths[at]);
        }

        public void Dispose()
        {
            _items.Dispose();
            ArrayPool<byte>.Shared.Return(_text);
        }
    }
}
