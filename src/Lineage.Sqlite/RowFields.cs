using System.Collections.Concurrent;
using System.Text;
using Lineage.Store;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>
/// A row read by the model's field names: <c>loggedByRunId</c> is the column <c>logged_by_run_id</c>.
/// Records list their fields once, in Core; this is the one place that knows how SQLite spells them.
/// One instance reads every row of a query where the reader stands, looking each column up once
/// (<see cref="SqliteSession.RecordsAsync"/>), or keeps one row as a <see cref="Copy"/> that outlives the reader.
/// </summary>
internal sealed class RowFields : IFieldReader
{
    private static readonly ConcurrentDictionary<string, string> Columns = new(StringComparer.Ordinal);

    private readonly SqliteDataReader? _row;
    private readonly Dictionary<string, object?>? _copy;

    // The columns looked up so far, in the order they were first asked for. A record asks for
    // its fields in the same order on every row, with literals, so the next one expected is
    // almost always the one asked for, found by reference without hashing.
    private readonly List<(string Name, int Ordinal)> _ordinals = [];
    private int _next;

    public RowFields(SqliteDataReader row) => _row = row;

    private RowFields(Dictionary<string, object?> copy) => _copy = copy;

    /// <summary>The current row's values, kept after the reader moves on.</summary>
    public static RowFields Copy(SqliteDataReader row)
    {
        var copy = new Dictionary<string, object?>(row.FieldCount, StringComparer.Ordinal);
        for (var i = 0; i < row.FieldCount; i++)
        {
            copy[row.GetName(i)] = row.IsDBNull(i) ? null : row.GetValue(i);
        }

        return new RowFields(copy);
    }

    public string Text(string name) =>
        _copy is null ? _row!.GetString(Ordinal(name)) : NullableText(name) ?? throw new InvalidOperationException($"column '{Column(name)}' is null");

    public string? NullableText(string name)
    {
        if (_copy is not null)
        {
            return (string?)_copy[Column(name)];
        }

        var ordinal = Ordinal(name);
        return _row!.IsDBNull(ordinal) ? null : _row.GetString(ordinal);
    }

    public long Long(string name) =>
        _copy is null ? _row!.GetInt64(Ordinal(name)) : NullableLong(name) ?? throw new InvalidOperationException($"column '{Column(name)}' is null");

    public long? NullableLong(string name)
    {
        if (_copy is not null)
        {
            return (long?)_copy[Column(name)];
        }

        var ordinal = Ordinal(name);
        return _row!.IsDBNull(ordinal) ? null : _row.GetInt64(ordinal);
    }

    public DateTimeOffset Time(string name) => Sqlite.Time.Parse(Text(name));

    public DateTimeOffset? NullableTime(string name) => NullableText(name) is { } text ? Sqlite.Time.Parse(text) : null;

    private int Ordinal(string name)
    {
        if (_next < _ordinals.Count && ReferenceEquals(_ordinals[_next].Name, name))
        {
            return _ordinals[_next++].Ordinal;
        }

        for (var i = 0; i < _ordinals.Count; i++)
        {
            if (ReferenceEquals(_ordinals[i].Name, name))
            {
                _next = i + 1;
                return _ordinals[i].Ordinal;
            }
        }

        var found = _row!.GetOrdinal(Column(name));
        _ordinals.Add((name, found));
        _next = _ordinals.Count;
        return found;
    }

    /// <summary>The column a field of the model is stored in.</summary>
    public static string Column(string name) => Columns.GetOrAdd(name, static n =>
    {
        var column = new StringBuilder(n.Length + 4);
        foreach (var c in n)
        {
            if (char.IsUpper(c))
            {
                column.Append('_').Append(char.ToLowerInvariant(c));
            }
            else
            {
                column.Append(c);
            }
        }

        return column.ToString();
    });

    /// <summary>
    /// The columns and parameter names to insert a command's stored fields with, as
    /// <c>(", job_type, config", ", $f0, $f1")</c>, and the parameters that go with them.
    /// </summary>
    public static (string Columns, string Values, (string Name, object? Value)[] Parameters) Insert(IReadOnlyList<StoredField> fields)
    {
        var columns = new StringBuilder();
        var values = new StringBuilder();
        var parameters = new (string, object?)[fields.Count];
        for (var i = 0; i < fields.Count; i++)
        {
            columns.Append(", ").Append(Column(fields[i].Name));
            values.Append(", $f").Append(i);
            parameters[i] = ("$f" + i, fields[i].Value);
        }

        return (columns.ToString(), values.ToString(), parameters);
    }
}
