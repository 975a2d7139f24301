namespace Lineage.Store;

/// <summary>
/// One stored record's fields, by their names in the model (<c>loggedByRunId</c>), whatever a store
/// calls them: a record lists the fields it is made of once, in its own file, and every store reads it
/// through this (SQLite by column, Neo4j by property).
/// </summary>
public interface IFieldReader
{
    string Text(string name);

    string? NullableText(string name);

    long Long(string name);

    long? NullableLong(string name);

    DateTimeOffset Time(string name);

    DateTimeOffset? NullableTime(string name);
}
