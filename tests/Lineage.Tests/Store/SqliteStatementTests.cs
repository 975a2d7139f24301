using System.Text.RegularExpressions;
using Lineage.Sqlite;
using Lineage.Tests.Support;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Lineage.Tests.Store;

/// <summary>
/// The store keeps its statements prepared across reads; SQLite prepares a statement again
/// whenever a value bound to it may change its plan. These tests keep every statement of the
/// store's one plan per text.
/// </summary>
public sealed partial class SqliteStatementTests
{
    // sqlite3.h: SQLITE_STMTSTATUS_REPREPARE.
    private const int Reprepared = 5;

    /// <summary>How many times SQLite prepared <paramref name="sql"/> again while it ran once per bound count.</summary>
    private static int PreparedAgain(string sql, params int[] counts)
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement));
        using (statement)
        {
            foreach (var count in counts)
            {
                Assert.Equal(raw.SQLITE_OK, raw.sqlite3_bind_int(statement, raw.sqlite3_bind_parameter_index(statement, "$limit"), count));
                var rows = 0;
                while (raw.sqlite3_step(statement) == raw.SQLITE_ROW)
                {
                    rows++;
                }

                Assert.Equal(count, rows);
                raw.sqlite3_reset(statement);
            }

            return raw.sqlite3_stmt_status(statement, Reprepared, 0);
        }
    }

    [Fact]
    public void a_limit_made_by_the_store_keeps_one_plan_however_often_its_count_is_bound()
    {
        var table = "SELECT value FROM json_each('[1,2,3,4,5]') ORDER BY value ";

        // SQLite reads a bare bound LIMIT while preparing, so each new binding prepares it again:
        // the reason the store never writes one.
        Assert.True(PreparedAgain(table + "LIMIT $limit", 1, 2, 3, 4) > 0);
        Assert.Equal(0, PreparedAgain(table + Rows.Limit("$limit"), 1, 2, 3, 4));
    }

    [Fact]
    public void no_statement_of_the_store_binds_a_bare_limit_or_a_like_pattern()
    {
        var sources = Directory.GetFiles(Path.Combine(RepositoryRoot.Path, "src", "Lineage.Sqlite"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        var found = sources
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("///", StringComparison.Ordinal) && Rebinding().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.NotEmpty(sources);
        Assert.Empty(found);
    }

    [Fact]
    public async Task a_read_of_one_statement_runs_without_a_transaction_and_refuses_a_second()
    {
        using var directory = new TempDirectory();
        using var database = new SqliteDatabase(new SqliteStoreOptions { DataDirectory = directory.Path });
        await database.MigrateAsync(TestContext.Current.CancellationToken);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(1, await database.ReadAsync(s => Task.FromResult(s.Transaction is null ? 1 : 0), ct, oneStatement: true));
        Assert.Equal(2L, await database.ReadAsync(async s => await s.ScalarAsync<long>("SELECT 2", ct), ct, oneStatement: true));
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => database.ReadAsync(
            async s => await s.ScalarAsync<long>("SELECT 1", ct) + await s.ScalarAsync<long>("SELECT 2", ct), ct, oneStatement: true));
        Assert.Contains("needs a transaction", refused.Message, StringComparison.Ordinal);

        // Without the flag, statements share one deferred transaction, and so one snapshot.
        Assert.Equal(3L, await database.ReadAsync(async s => s.Transaction is null ? -1 : await s.ScalarAsync<long>("SELECT 1", ct) + await s.ScalarAsync<long>("SELECT 2", ct), ct));
    }

    [GeneratedRegex(@"LIMIT\s+\$|OFFSET\s+\$|LIKE\s+\$|GLOB\s+\$")]
    private static partial Regex Rebinding();
}
