using System.Globalization;
using System.Runtime.CompilerServices;
using Lineage.Identity;
using Lineage.Model;
using Microsoft.Data.Sqlite;

namespace Lineage.Sqlite;

/// <summary>Column lists and row readers shared by the store's queries.</summary>
internal static class Rows
{
    /// <summary>A text column by name, or null.</summary>
    public static string? NullableString(SqliteDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
    }

    // Each list is the table's own columns and, by the model's field names, what the joins add:
    // a column added to the table is read without a change here.
    public const string ProjectColumns = "p.*, n.name AS namespace";

    public const string ProjectJoins = "JOIN namespaces n ON n.id = p.namespace_id";

    public const string RunColumns = "r.*, p.namespace_id, n.name AS namespace, p.name AS project";

    public const string RunJoins = "JOIN projects p ON p.id = r.project_id JOIN namespaces n ON n.id = p.namespace_id";

    public const string ArtifactColumns = "a.*, p.namespace_id, n.name AS namespace, p.name AS project";

    public const string ArtifactJoins = "JOIN projects p ON p.id = a.project_id JOIN namespaces n ON n.id = p.namespace_id";

    public const string VersionColumns = """
        v.*, p.namespace_id, n.name AS namespace, p.name AS project, a.name AS artifact_name, a.type,
        v.version_index = (SELECT MAX(x.version_index) FROM artifact_versions x WHERE x.artifact_id = v.artifact_id) AS is_latest
        """;

    public const string VersionJoins = """
        JOIN artifacts a ON a.id = v.artifact_id
        JOIN projects p ON p.id = a.project_id
        JOIN namespaces n ON n.id = p.namespace_id
        """;

    /// <summary>A version row without its aliases; <see cref="VersionRow.IsLatest"/> says whether <c>latest</c> belongs to it.</summary>
    public static VersionRow Version(RowFields r) => new(VersionRecord.Read(r, []), r.Long("isLatest") != 0);

    /// <summary>A text column by name.</summary>
    public static string Text(SqliteDataReader r, string column) => r.GetString(r.GetOrdinal(column));

    /// <summary>An integer column by name.</summary>
    public static long Long(SqliteDataReader r, string column) => r.GetInt64(r.GetOrdinal(column));

    /// <summary>An integer column by name, or null.</summary>
    public static long? NullableLong(SqliteDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);
    }

    /// <summary>
    /// A condition that keeps rows of namespaces the caller may not see out of a result; it
    /// reads the parameter <c>$visible</c>, which <see cref="VisibleParameter"/> supplies.
    /// </summary>
    public static string Visible(Access access, string namespaceColumn) =>
        access.IsAdministrator ? "1" : $"{namespaceColumn} IN (SELECT value FROM json_each($visible))";

    public static (string Name, object? Value) VisibleParameter(Access access) =>
        ("$visible", access.IsAdministrator ? "[]" : VisibleJson.GetValue(access, a => Ids(a.VisibleNamespaces ?? [])));

    /// <summary>
    /// A LIMIT of a bound count: <c>LIMIT $limit + 0</c>. SQLite reads a bare bound LIMIT while
    /// preparing, to plan with it, and so prepares the statement again every time it runs with
    /// the value bound anew; an expression it does not read ahead keeps one prepared plan.
    /// </summary>
    public static string Limit(string parameter) => $"LIMIT {parameter} + 0";

    public static string FormatState(RunState state) => state.ToString().ToUpperInvariant();

    /// <summary>Strings as a JSON array for <c>json_each</c>.</summary>
    public static string Strings(IEnumerable<string> values) => System.Text.Json.JsonSerializer.Serialize(values);

    public static string Ids(IEnumerable<long> ids) =>
        "[" + string.Join(',', ids.Select(i => i.ToString(CultureInfo.InvariantCulture))) + "]";

    /// <summary>The registries the caller may read, as a JSON array for <c>json_each</c> (empty for a site administrator, who reads all).</summary>
    public static string VisibleRegistries(Access access) =>
        access.IsAdministrator ? "[]" : VisibleRegistriesJson.GetValue(access, a => Ids(a.VisibleRegistries ?? []));

    /// <summary>Each caller's visible namespaces and registries as JSON arrays, made once per <see cref="Access"/>.</summary>
    private static readonly ConditionalWeakTable<Access, string> VisibleJson = new();

    private static readonly ConditionalWeakTable<Access, string> VisibleRegistriesJson = new();
}

internal readonly record struct VersionRow(VersionRecord Record, bool IsLatest);
