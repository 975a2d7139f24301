using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Lineage.Application;
using Lineage.Errors;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL;

/// <summary>
/// Ids and cursors as clients see them. The store numbers things across the whole server, so a
/// number would tell one tenant how much the others hold; each id is instead AES over the
/// number and its kind, under a key kept in the store (the same on every start and every
/// replica): <c>run:Jk3v…</c>, 22 characters after the kind. Ids are stable and unique per kind,
/// cursors are opaque, and neither can be forged or counted.
/// </summary>
public sealed class OpaqueIds : IDisposable
{
    private const string CursorKind = "cursor";

    /// <summary>The kind that starts each node type's ids.</summary>
    private static readonly Dictionary<string, NodeType> Kinds = Enum.GetValues<NodeType>().ToDictionary(KindOf, StringComparer.Ordinal);
    private const int BlockSize = 16;

    // How the ids of runs and versions begin, as UTF-8.
    private static readonly byte[] RunPrefix = Encoding.UTF8.GetBytes(KindOf(NodeType.Run) + ":");
    private static readonly byte[] VersionPrefix = Encoding.UTF8.GetBytes(KindOf(NodeType.Version) + ":");

    private readonly ConcurrentDictionary<string, ulong> _tags = new(StringComparer.Ordinal);
    private byte[]? _key;
    private ThreadLocal<(ICryptoTransform Encryptor, ICryptoTransform Decryptor)>? _ciphers;

    /// <summary>The name the key is kept under in the store.</summary>
    public const string SecretName = "opaque-ids";

    /// <summary>Whether the key has been loaded (start-up does it before the server takes requests).</summary>
    public bool IsReady => _ciphers is not null;

    /// <summary>Takes the 32-byte key; called once at start-up.</summary>
    public void UseKey(byte[] key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length != 32)
        {
            throw new ArgumentException("the key of opaque ids has 32 bytes", nameof(key));
        }

        _key = [.. key];
        _ciphers = new ThreadLocal<(ICryptoTransform, ICryptoTransform)>(Create, trackAllValues: true);
    }

    /// <summary>The id of a thing of <paramref name="kind"/> (run, version, event, ...) with store number <paramref name="value"/>.</summary>
    public string Id(string kind, long value) => string.Concat(kind, ":", Encode(kind, value));

    /// <summary>The global id of a thing that <c>node(id:)</c> finds again: <c>run:…</c>, <c>version:…</c>, <c>link:…</c>, ...</summary>
    public string Of(NodeType type, long value) => Id(KindOf(type), value);

    /// <summary>A lineage node's id: the id of its run or artifact version.</summary>
    public string Node(NodeRef node) => Of(node.Kind == NodeKind.Run ? NodeType.Run : NodeType.Version, node.Id);

    /// <summary>Bytes each id takes in the slots of <see cref="WriteNodeIds"/>: "version:" and 22 characters, with room to spare.</summary>
    public const int NodeIdSlot = 32;

    /// <summary>
    /// The ids <see cref="Node"/> gives <paramref name="nodes"/>, as UTF-8, each in its own
    /// <see cref="NodeIdSlot"/> bytes of <paramref name="slots"/> and its length in
    /// <paramref name="lengths"/>: one cipher call for all of them and nothing allocated, for
    /// answers that carry tens of thousands of ids.
    /// </summary>
    public void WriteNodeIds(ReadOnlySpan<NodeRef> nodes, Span<byte> slots, Span<int> lengths)
    {
        var rented = ArrayPool<byte>.Shared.Rent(nodes.Length * BlockSize);
        var blocks = rented.AsSpan(0, nodes.Length * BlockSize);
        var (runTag, versionTag) = (Tag(KindOf(NodeType.Run)), Tag(KindOf(NodeType.Version)));
        for (var i = 0; i < nodes.Length; i++)
        {
            var block = blocks.Slice(i * BlockSize, BlockSize);
            BinaryPrimitives.WriteInt64LittleEndian(block, nodes[i].Id);
            BinaryPrimitives.WriteUInt64LittleEndian(block[8..], nodes[i].Kind == NodeKind.Run ? runTag : versionTag);
        }

        // ECB enciphers each block on its own: the same bytes as one call per id.
        if (blocks.Length > 0)
        {
            Ciphers().Encryptor.TransformBlock(rented, 0, blocks.Length, rented, 0);
        }

        for (var i = 0; i < nodes.Length; i++)
        {
            var slot = slots.Slice(i * NodeIdSlot, NodeIdSlot);
            var prefix = nodes[i].Kind == NodeKind.Run ? RunPrefix : VersionPrefix;
            prefix.CopyTo(slot);
            lengths[i] = prefix.Length + Base64Url.EncodeToUtf8(blocks.Slice(i * BlockSize, BlockSize), slot[prefix.Length..]);
        }

        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Reads a global id made by <see cref="Of"/>; false for anything else, forged or damaged ids included.</summary>
    public bool TryDecode(string? id, out NodeType type, out long value)
    {
        (type, value) = (default, 0);
        var colon = id?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (colon <= 0 || !Kinds.TryGetValue(id![..colon], out type))
        {
            return false;
        }

        return TryDecode(KindOf(type), id[(colon + 1)..], out value) && value > 0;
    }

    /// <summary>A cursor for the keyset key <paramref name="key"/>.</summary>
    public string Cursor(long key) => Encode(CursorKind, key);

    /// <summary>The keyset key of a cursor from an earlier page; 0 (the start) when there is none.</summary>
    public long DecodeCursor(string? cursor)
    {
        if (cursor is null)
        {
            return 0;
        }

        return TryDecode(CursorKind, cursor, out var key) && key > 0
            ? key
            : throw new InvalidArgumentException("cursor 'after' is not valid: pass an endCursor or edge cursor from an earlier page") { Argument = "after" };
    }

    public void Dispose()
    {
        if (_ciphers is not null)
        {
            foreach (var (encryptor, decryptor) in _ciphers.Values)
            {
                encryptor.Dispose();
                decryptor.Dispose();
            }

            _ciphers.Dispose();
        }
    }

    private string Encode(string kind, long value)
    {
        var input = new byte[BlockSize];
        BinaryPrimitives.WriteInt64LittleEndian(input, value);
        BinaryPrimitives.WriteUInt64LittleEndian(input.AsSpan(8), Tag(kind));
        var output = new byte[BlockSize];
        Ciphers().Encryptor.TransformBlock(input, 0, BlockSize, output, 0);
        return Base64Url.EncodeToString(output);
    }

    private bool TryDecode(string kind, string text, out long value)
    {
        value = 0;
        var input = new byte[BlockSize];
        // The decoder's status, not TryDecodeFromChars: that one throws on a character outside the alphabet.
        if (text.Length != 22
            || Base64Url.DecodeFromChars(text, input, out _, out var written) != System.Buffers.OperationStatus.Done
            || written != BlockSize)
        {
            return false;
        }

        var output = new byte[BlockSize];
        Ciphers().Decryptor.TransformBlock(input, 0, BlockSize, output, 0);
        if (BinaryPrimitives.ReadUInt64LittleEndian(output.AsSpan(8)) != Tag(kind))
        {
            return false;
        }

        value = BinaryPrimitives.ReadInt64LittleEndian(output);
        return true;
    }

    private static string KindOf(NodeType type) => type.ToString().ToLowerInvariant();

    /// <summary>Eight bytes that bind an id to its kind, so that one kind's id is no other's.</summary>
    private ulong Tag(string kind) =>
        _tags.GetOrAdd(kind, k => BinaryPrimitives.ReadUInt64LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes("lineage-id:" + k))));

    private (ICryptoTransform Encryptor, ICryptoTransform Decryptor) Ciphers() =>
        (_ciphers ?? throw new InvalidOperationException("opaque ids are used before start-up loaded their key")).Value;

    private (ICryptoTransform, ICryptoTransform) Create()
    {
        // ECB over single blocks: each block is one id, a keyed permutation of 128-bit values.
        using var aes = Aes.Create();
        aes.Key = _key!;
        aes.Mode = CipherMode.ECB;
        aes.Padding = PaddingMode.None;
        return (aes.CreateEncryptor(), aes.CreateDecryptor());
    }
}
