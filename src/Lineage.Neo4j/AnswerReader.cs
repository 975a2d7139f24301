using System.Text.Json;

namespace Lineage.Neo4j;

/// <summary>
/// Reads a Query API answer as it arrives. Each row of <c>data.values</c> is handed over on its
/// own, as soon as it is whole, and everything else (the fields, errors, bookmarks, the
/// transaction) is kept as a small JSON skeleton whose <c>values</c> is empty. An answer of any
/// size is therefore never held whole: only a window of it, which grows past
/// <see cref="FirstWindow"/> only for a single row larger than that.
/// </summary>
internal sealed class AnswerReader : IDisposable
{
    /// <summary>How much of an answer is read at a time.</summary>
    public const int FirstWindow = 64 * 1024;

    private readonly List<string> _fields = [];
    private readonly List<string> _path = [];
    private readonly Action<IReadOnlyList<string>, JsonElement> _row;
    private readonly Utf8JsonWriter _skeleton;
    private JsonReaderState _state;
    private string? _property;
    private readonly MemoryStream _batch = new();
    private readonly bool _keep;
    private int _rows;
    private bool _done;
    private bool _started;

    private AnswerReader(Action<IReadOnlyList<string>, JsonElement> row, bool keep, Utf8JsonWriter skeleton)
    {
        _row = row;
        _keep = keep;
        _skeleton = skeleton;
    }

    /// <summary>
    /// Reads <paramref name="stream"/> to its end, calling <paramref name="row"/> with the
    /// fields and each row; returns the skeleton (default for an empty body) and the largest
    /// window it needed. A row stays valid after the call only when <paramref name="keep"/> is set.
    /// </summary>
    /// <exception cref="JsonException">The body is not one JSON value.</exception>
    public static async Task<(JsonElement Skeleton, int Window)> ReadAsync(
        Stream stream, Action<IReadOnlyList<string>, JsonElement> row, bool keep, CancellationToken cancellationToken)
    {
        var window = new byte[FirstWindow];
        var (filled, final) = (0, false);
        using var skeleton = new MemoryStream();
        using (var writer = new Utf8JsonWriter(skeleton))
        {
            using var reader = new AnswerReader(row, keep, writer);
            while (!reader._done)
            {
                if (final)
                {
                    throw new JsonException("the answer ends in the middle of a value");
                }

                if (filled == window.Length)
                {
                    // One token or row larger than the window: widen it.
                    Array.Resize(ref window, window.Length * 2);
                }

                var read = await stream.ReadAsync(window.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                final = read == 0;
                filled += read;
                if (final && filled == 0 && !reader._started)
                {
                    return (default, window.Length);
                }

                reader._started = true;
                var consumed = reader.Step(window.AsSpan(0, filled), final);
                window.AsSpan(consumed, filled - consumed).CopyTo(window);
                filled -= consumed;
            }
        }

        using var document = JsonDocument.Parse(skeleton.ToArray());
        return (document.RootElement.Clone(), window.Length);
    }

    /// <summary>Reads every whole token of <paramref name="bytes"/>; returns how many bytes they took.</summary>
    private int Step(ReadOnlySpan<byte> bytes, bool final)
    {
        var reader = new Utf8JsonReader(bytes, final, _state);
        while (!_done)
        {
            var before = reader;
            if (!reader.Read())
            {
                break;
            }

            if (InValues && reader.TokenType is JsonTokenType.StartArray or JsonTokenType.StartObject)
            {
                // A row: taken only once all of it has arrived, into the batch of this window.
                var probe = reader;
                if (!probe.TrySkip())
                {
                    reader = before;
                    break;
                }

                var row = bytes[(int)reader.TokenStartIndex..(int)probe.BytesConsumed];
                _batch.Write(_batch.Length == 0 ? "["u8 : ","u8);
                _batch.Write(row);
                _rows++;
                reader = probe;
                continue;
            }

            Copy(ref reader);
        }

        _state = reader.CurrentState;
        HandOver();
        return (int)reader.BytesConsumed;
    }

    /// <summary>
    /// Hands the rows of one window over as one small document: rows the caller keeps hold on
    /// to it; rows it maps and drops let it go, and its buffers are reused.
    /// </summary>
    private void HandOver()
    {
        if (_rows == 0)
        {
            return;
        }

        _batch.Write("]"u8);
        var rows = _keep
            ? JsonDocument.Parse(_batch.ToArray())
            : JsonDocument.Parse(_batch.GetBuffer().AsMemory(0, (int)_batch.Length));
        foreach (var row in rows.RootElement.EnumerateArray())
        {
            _row(_fields, row);
        }

        if (!_keep)
        {
            rows.Dispose();
        }

        _batch.SetLength(0);
        _rows = 0;
    }

    private bool InValues => _path.Count == 3 && _path[1] == "data" && _path[2] == "values";

    private void Copy(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.PropertyName:
                _property = reader.GetString();
                _skeleton.WritePropertyName(_property!);
                return;
            case JsonTokenType.StartObject:
                _skeleton.WriteStartObject();
                Enter();
                return;
            case JsonTokenType.StartArray:
                _skeleton.WriteStartArray();
                Enter();
                return;
            case JsonTokenType.EndObject:
                _skeleton.WriteEndObject();
                Leave();
                return;
            case JsonTokenType.EndArray:
                _skeleton.WriteEndArray();
                Leave();
                return;
            case JsonTokenType.String:
                var text = reader.GetString()!;
                if (_path.Count == 3 && _path[1] == "data" && _path[2] == "fields")
                {
                    _fields.Add(text);
                }

                _skeleton.WriteStringValue(text);
                break;
            case JsonTokenType.Number:
                _skeleton.WriteRawValue(reader.ValueSpan, skipInputValidation: true);
                break;
            case JsonTokenType.True or JsonTokenType.False:
                _skeleton.WriteBooleanValue(reader.TokenType == JsonTokenType.True);
                break;
            case JsonTokenType.Null:
                _skeleton.WriteNullValue();
                break;
        }

        _property = null;
        _done = _path.Count == 0;
    }

    private void Enter()
    {
        _path.Add(_property ?? "");
        _property = null;
    }

    private void Leave()
    {
        _path.RemoveAt(_path.Count - 1);
        _property = null;
        _done = _path.Count == 0;
    }

    public void Dispose() => _batch.Dispose();
}
