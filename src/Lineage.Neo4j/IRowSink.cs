namespace Lineage.Neo4j;

/// <summary>Where the rows of an answer go as they arrive; cleared when a request is tried again or fails.</summary>
internal interface IRowSink
{
    void Clear();

    void Add(CypherRow row);
}

/// <summary>
/// Rows mapped to records as they arrive, so that only the records are kept. A row is valid only
/// while it is mapped (its cells are reused for the next), so a map reads values out of it and
/// keeps no <see cref="System.Text.Json.JsonElement"/>; records of the core hold none.
/// </summary>
internal sealed class RowList<T>(Func<CypherRow, T> map) : IRowSink
{
    public List<T> Items { get; } = [];

    public void Clear() => Items.Clear();

    public void Add(CypherRow row) => Items.Add(map(row));
}
