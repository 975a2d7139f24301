using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Lineage.Neo4j;
using Lineage.Tests.Support;

namespace Lineage.Tests.Neo4j;

/// <summary>
/// The files of cypher/: checked by Neo4j's own Cypher front-end, and the only statements the
/// Neo4j store can send.
/// </summary>
public sealed partial class CypherFilesTests
{
    private static readonly string CypherDirectory = Path.Combine(RepositoryRoot.Path, "cypher");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Dictionary<string, string> FilesOnDisk() =>
        Directory.EnumerateFiles(CypherDirectory, "*.cypher", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}lint{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToDictionary(
                f => Path.GetRelativePath(CypherDirectory, f)[..^".cypher".Length].Replace('\\', '/'),
                File.ReadAllText);

    [Fact]
    public async Task every_file_passes_neo4j_cypher_front_end_with_its_parameters_declared()
    {
        var start = new ProcessStartInfo("node", ["lint.mjs"])
        {
            WorkingDirectory = Path.Combine(CypherDirectory, "lint"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var output = node.StandardOutput.ReadToEndAsync(Ct);
        var errors = node.StandardError.ReadToEndAsync(Ct);
        await node.WaitForExitAsync(Ct);

        var report = await output;
        Assert.True(node.ExitCode == 0, $"cypher lint failed:\n{report}\n{await errors}");
        Assert.Contains($"cypher lint: {FilesOnDisk().Count} files, 0 with errors", report, StringComparison.Ordinal);
    }

    [Fact]
    public void the_store_carries_exactly_the_files_of_cypher_byte_for_byte()
    {
        var disk = FilesOnDisk();
        var embedded = CypherCatalog.All;

        Assert.Equal(disk.Keys.Order(StringComparer.Ordinal), embedded.Keys.Order(StringComparer.Ordinal));
        Assert.All(disk, file => Assert.Equal(file.Value, embedded[file.Key].Text));
        Assert.All(embedded.Values, s => Assert.Equal(CypherCatalog.DeclaredParameters(s.Text), s.Parameters));
    }

    [Fact]
    public void only_the_catalog_makes_statements_and_the_client_sends_nothing_else()
    {
        Assert.Empty(typeof(CypherStatement).GetConstructors(BindingFlags.Public | BindingFlags.Instance));
        var senders = new[] { typeof(Neo4jClient), typeof(Neo4jTransaction) }
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .Where(m => m.GetParameters().Any(p => p.ParameterType == typeof(string) || p.ParameterType == typeof(CypherStatement)))
            .ToList();
        Assert.NotEmpty(senders);
        Assert.All(senders, m => Assert.DoesNotContain(m.GetParameters(), p => p.ParameterType == typeof(string)));
    }

    [Fact]
    public void every_node_a_statement_finds_by_one_property_is_found_through_an_index()
    {
        // A composite index serves only predicates on all of its properties, so a node looked up
        // by one property needs an index on that property alone, or a composite one whose other
        // properties the same statement also matches by equality or IN; else the label is scanned.
        var indexes = CypherCatalog.Folder("schema")
            .Select(s => SchemaIndex().Match(s.Text))
            .Where(m => m.Success)
            .Select(m => (Label: m.Groups[1].Value, Properties: m.Groups[2].Value.Split(',').Select(p => p.Trim().Split('.')[^1]).ToList()))
            .ToList();
        Assert.NotEmpty(indexes);

        var scans = new List<string>();
        foreach (var (name, statement) in CypherCatalog.All.Where(s => !s.Key.StartsWith("schema/", StringComparison.Ordinal) && !s.Key.StartsWith("maintenance/", StringComparison.Ordinal)))
        {
            foreach (Match lookup in OnePropertyLookup().Matches(statement.Text))
            {
                var (variable, label, property) = (lookup.Groups[1].Value, lookup.Groups[2].Value, lookup.Groups[3].Value);
                var served = indexes.Any(i => i.Label == label && i.Properties[0] == property
                    && i.Properties.Skip(1).All(other => Regex.IsMatch(statement.Text, $@"\b{variable}\.{other}\s*(=|IN\b)")));
                if (!served)
                {
                    scans.Add($"cypher/{name}.cypher: ({variable}:{label} {{{property}: ...}})");
                }
            }
        }

        Assert.True(scans.Count == 0, "label scans:\n" + string.Join('\n', scans));
    }

    [Fact]
    public void expiring_idempotency_keys_is_bounded_and_found_by_index_and_history_pages_filter_positions_without_an_or()
    {
        var expire = CypherCatalog.Get("idempotency/expire").Text;
        Assert.Matches(@"LIMIT\s+\d+", expire);
        Assert.Contains(CypherCatalog.Folder("schema"), s => s.Text.Contains("FOR (i:IdempotencyKey) ON (i.createdAt)", StringComparison.Ordinal));
        Assert.DoesNotContain("OR e.position", CypherCatalog.Get("history/page-newest").Text, StringComparison.Ordinal);

        // A new version takes its number from its artifact's counter, not from its siblings.
        var create = CypherCatalog.Get("versions/create").Text;
        Assert.Contains("SET a.nextVersionIndex = versionIndex + 1", create, StringComparison.Ordinal);
        Assert.DoesNotContain("max(", create, StringComparison.Ordinal);
        Assert.Contains("nextVersionIndex: 0", CypherCatalog.Get("artifacts/create").Text, StringComparison.Ordinal);
    }

    [Fact]
    public void the_store_source_names_only_statements_that_exist_and_writes_no_cypher_of_its_own()
    {
        var source = Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "Lineage.Neo4j"), "*.cs")
            .ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var catalog = CypherCatalog.All;

        // Every statement name in the store's code is a file; a name put together from parts is
        // checked through every value its part can take.
        var named = source.Values.SelectMany(text => StatementName().Matches(text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(named);
        Assert.All(named, name => Assert.True(catalog.ContainsKey(name), $"the store names cypher/{name}.cypher, which does not exist"));
        foreach (var relation in new[] { "used-by", "loggers", "used-artifacts", "logged-artifacts", "project-runs", "project-artifacts", "artifact-versions",
                     "version-files", "namespace-projects", "namespace-registries", "registry-collections", "collection-links", "version-links" })
        {
            Assert.True(source["Neo4jLineageStore.Reads.cs"].Contains($"(\"{relation}\",", StringComparison.Ordinal), $"relation {relation} is not mapped");
            Assert.True(catalog.ContainsKey($"pages/{relation}") && catalog.ContainsKey($"counts/{relation}"), relation);
        }

        foreach (var list in new[] { "project-runs", "project-artifacts", "artifact-versions", "registry-collections", "namespace-projects" })
        {
            Assert.True(source["Neo4jLineageStore.Lists.cs"].Contains($"=> \"{list}\"", StringComparison.Ordinal), $"list {list} is not mapped");
            Assert.True(catalog.ContainsKey($"lists/{list}") && catalog.ContainsKey($"lists/{list}-count"), list);
        }

        foreach (var tally in new[] { "job-types", "artifact-types", "run-states" })
        {
            Assert.True(source["Neo4jLineageStore.Lists.cs"].Contains($"=> \"{tally}\"", StringComparison.Ordinal) && catalog.ContainsKey($"tallies/{tally}"), tally);
        }

        foreach (var folder in new[] { "versions", "links" })
        {
            Assert.All(new[] { "id-by-index", "id-latest", "id-by-alias" }, name => Assert.True(catalog.ContainsKey($"{folder}/{name}")));
        }

        // No string literal of the store's code holds a Cypher clause.
        var inline = source.SelectMany(file => InlineCypher().Matches(file.Value).Select(m => $"{file.Key}: {m.Value}")).ToList();
        Assert.True(inline.Count == 0, "Cypher written in C#:\n" + string.Join('\n', inline));

        // And every operation file is used: the schema folder wholesale, the rest by name.
        var used = named
            .Concat(catalog.Keys.Where(k => k.StartsWith("pages/", StringComparison.Ordinal) || k.StartsWith("counts/", StringComparison.Ordinal)))
            .Concat(catalog.Keys.Where(k => k.StartsWith("lists/", StringComparison.Ordinal) || k.StartsWith("tallies/", StringComparison.Ordinal)))
            .Concat(catalog.Keys.Where(k => k.StartsWith("schema/", StringComparison.Ordinal) || k.StartsWith("maintenance/", StringComparison.Ordinal)))
            .Concat(catalog.Keys.Where(k => k.Contains("/id-", StringComparison.Ordinal)))
            .ToHashSet(StringComparer.Ordinal);
        Assert.Empty(catalog.Keys.Except(used));
    }

    [Fact]
    public void each_list_statement_declares_the_filter_parameters_the_store_passes_it()
    {
        // The store passes each list the parameters of its own filter (the ListKind arms of
        // ListFilter), then the order and the page; its count takes the filter alone.
        var source = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Lineage.Neo4j", "Neo4jLineageStore.Lists.cs"));
        var names = new Dictionary<string, string>
        {
            ["ProjectRuns"] = "project-runs",
            ["ProjectArtifacts"] = "project-artifacts",
            ["ArtifactVersions"] = "artifact-versions",
            ["RegistryCollections"] = "registry-collections",
            ["NamespaceProjects"] = "namespace-projects",
        };
        var arms = ListFilterArm().Matches(source).ToDictionary(m => m.Groups[1].Value, m => Quoted().Matches(m.Groups[2].Value).Select(q => q.Groups[1].Value).ToList());
        Assert.Equal(names.Keys.Order(), arms.Keys.Order());
        foreach (var (kind, taken) in arms)
        {
            var filter = new[] { "parent" }.Concat(taken).ToHashSet();
            Assert.True(filter.SetEquals(CypherCatalog.All[$"lists/{names[kind]}-count"].Parameters), kind);
            Assert.True(filter.Concat(["field", "descending", "after", "limit"]).ToHashSet().SetEquals(CypherCatalog.All[$"lists/{names[kind]}"].Parameters), kind);
        }
    }

    [Fact]
    public void every_call_in_the_store_passes_exactly_the_parameters_its_file_declares()
    {
        // The client refuses a mismatch at run time; this finds one in code that no test here
        // runs against a live Neo4j. Arguments built by a helper are read from that helper.
        var source = string.Join('\n', Directory.EnumerateFiles(Path.Combine(RepositoryRoot.Path, "src", "Lineage.Neo4j"), "*.cs").Select(File.ReadAllText));
        var helpers = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal)
        {
            ["Filter("] = ArgumentNames(Body(source, "private static (string Name, object? Value)[] Filter(")),
        };
        Assert.All(helpers.Values, names => Assert.NotEmpty(names));

        var checkedCalls = 0;
        foreach (Match literal in StatementName().Matches(source))
        {
            var call = source[(source.LastIndexOf('\n', literal.Index) + 1)..CallEnd(source, literal.Index + literal.Length)];
            var given = ArgumentNames(call);
            foreach (var (helper, names) in helpers)
            {
                if (call.Contains(helper, StringComparison.Ordinal))
                {
                    given.UnionWith(names);
                }
            }

            var declared = CypherCatalog.Get(literal.Groups[1].Value).Parameters;
            Assert.True(given.SetEquals(declared), $"cypher/{literal.Groups[1].Value}.cypher declares [{string.Join(", ", declared)}]; the store passes [{string.Join(", ", given)}]");
            checkedCalls++;
        }

        Assert.True(checkedCalls > 60, $"only {checkedCalls} calls were found");
    }

    /// <summary>Where the call holding the statement name ends: its closing parenthesis, string literals skipped.</summary>
    private static int CallEnd(string source, int from)
    {
        var depth = 0;
        for (var i = from; i < source.Length; i++)
        {
            switch (source[i])
            {
                case '"':
                    i = source.IndexOf('"', i + 1);
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when depth == 0:
                    return i;
                case ')':
                    depth--;
                    break;
            }
        }

        return source.Length;
    }

    private static HashSet<string> ArgumentNames(string code) =>
        [.. ArgumentName().Matches(code).Select(m => m.Groups[1].Value)];

    private static string Body(string source, string signature)
    {
        var start = source.IndexOf(signature, StringComparison.Ordinal);
        Assert.True(start >= 0, $"'{signature}' not found");
        return source[start..source.IndexOf("\n\n", start, StringComparison.Ordinal)];
    }

    [Fact]
    public void no_statement_changes_or_deletes_an_audit_event()
    {
        var touching = CypherCatalog.All.Values.Where(s => s.Text.Contains(":AuditEvent", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(touching);
        foreach (var statement in touching)
        {
            var body = string.Join('\n', statement.Text.Split('\n').Where(l => !l.TrimStart().StartsWith("//", StringComparison.Ordinal)));
            var variables = AuditEventVariable().Matches(body).Select(m => m.Groups[1].Value).Where(v => v.Length > 0).ToList();
            foreach (var variable in variables)
            {
                Assert.DoesNotMatch($@"\b(SET|REMOVE)\s+{variable}\.", body);
                Assert.DoesNotMatch($@"\bDELETE\b[^\n]*\b{variable}\b", body);
            }
        }

        // The one statement that erases everything is for the contract tests' own database.
        Assert.DoesNotContain("maintenance/erase-everything", File.ReadAllText(Path.Combine(RepositoryRoot.Path, "src", "Lineage.Neo4j", "Neo4jLineageStore.cs")), StringComparison.Ordinal);
    }

    [GeneratedRegex("\"((?:lock|identity|projects|runs|artifacts|versions|edges|lineage|collections|links|aliases|tags|history|search|idempotency)/[a-z-]+)\"")]
    private static partial Regex StatementName();

    [GeneratedRegex(@"ListKind\.(\w+) => (?:new\[\] \{|\[)([^\]}]*)[\]}]")]
    private static partial Regex ListFilterArm();

    [GeneratedRegex("\"([a-zA-Z]+)\"")]
    private static partial Regex Quoted();

    [GeneratedRegex("\"[^\"\\n]*\\b(MATCH|MERGE|CREATE|RETURN|UNWIND|DETACH)\\s+[\\(a-z{]")]
    private static partial Regex InlineCypher();

    [GeneratedRegex("\\(\"([A-Za-z]+)\", ")]
    private static partial Regex ArgumentName();

    [GeneratedRegex(@"FOR \(\w+:(\w+)\) (?:REQUIRE|ON) \(?([\w.]+(?:,\s*[\w.]+)*)\)?")]
    private static partial Regex SchemaIndex();

    [GeneratedRegex(@"\((\w+):(\w+) \{(\w+): [^,}]+\}\)")]
    private static partial Regex OnePropertyLookup();

    [GeneratedRegex(@"\((\w*):AuditEvent\b")]
    private static partial Regex AuditEventVariable();
}
