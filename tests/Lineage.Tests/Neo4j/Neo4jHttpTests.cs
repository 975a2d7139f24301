using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Lineage.Application;
using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Neo4j;
using Lineage.Store;
using Lineage.Tests.Support;

namespace Lineage.Tests.Neo4j;

/// <summary>
/// The Neo4j store's HTTP layer against a local server that answers as Neo4j's Query API does:
/// request shapes, authentication, result parsing, error translation, retries and rollback.
/// </summary>
public sealed class Neo4jHttpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly CypherStatement ByPath = CypherCatalog.Get("runs/by-path");

    private static readonly CypherStatement Lock = CypherCatalog.Get("lock/take");

    private static Neo4jClient Client(FakeNeo4j fake, string? user = "neo4j", string? password = "s3cret-pass", string? token = null) =>
        new(new Neo4jStoreOptions
        {
            Url = fake.Url,
            Database = "lineage",
            User = user,
            Password = password,
            Token = token,
            RetryDelay = TimeSpan.FromMilliseconds(1),
        });

    [Fact]
    public async Task a_read_posts_the_file_text_and_its_parameters_to_the_query_api_with_basic_auth()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Rows(["run"], [new { id = 7, name = "r" }]));
        using var client = Client(fake);

        var result = await client.RunAsync(ByPath, [("path", "acme/zoo/r")], Ct);

        var request = Assert.Single(fake.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/db/lineage/query/v2", request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("neo4j:s3cret-pass")), request.Authorization);
        Assert.Equal(ByPath.Text, request.Statement);
        Assert.Equal("acme/zoo/r", request.Parameters.GetProperty("path").GetString());
        Assert.Equal(7, result.Rows[0]["run"].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task a_token_is_sent_as_bearer_auth_and_bookmarks_of_a_commit_go_with_later_reads()
    {
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal) ? Neo4jAnswer.Begun("tx1") : Neo4jAnswer.Rows(["taken"], [1]));
        using var client = Client(fake, user: null, password: null, token: "aura-token");

        await client.TransactAsync(Lock, tx => tx.RunAsync(ByPath, [("path", "a/b/c")], Ct), Ct);
        await client.RunAsync(ByPath, [("path", "a/b/c")], Ct);

        Assert.All(fake.Requests, r => Assert.Equal("Bearer aura-token", r.Authorization));
        var read = fake.Requests.Last();
        Assert.Equal("FB:bookmark-1", read.Body.GetProperty("bookmarks")[0].GetString());
    }

    [Fact]
    public async Task a_transaction_opens_empty_then_takes_its_first_statement_runs_in_order_carries_affinity_and_commits()
    {
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal) ? Neo4jAnswer.Begun("abc") : Neo4jAnswer.Rows(["run"], [new { id = 3 }]));
        using var client = Client(fake);

        var id = await client.TransactAsync(
            Lock,
            async tx => (await tx.RunAsync(ByPath, [("path", "a/b/c")], Ct)).Rows[0]["run"].GetProperty("id").GetInt64(),
            Ct);

        Assert.Equal(3, id);
        var sent = fake.Requests.ToList();
        Assert.Equal(
            ["POST /db/lineage/query/v2/tx", "POST /db/lineage/query/v2/tx/abc", "POST /db/lineage/query/v2/tx/abc", "POST /db/lineage/query/v2/tx/abc/commit"],
            sent.Select(r => $"{r.Method} {r.Path}").ToArray());

        // The opening request runs nothing, so the transaction's id is known before the lock is asked for.
        Assert.Null(sent[0].Statement);
        Assert.Equal(Lock.Text, sent[1].Statement);
        Assert.Equal(ByPath.Text, sent[2].Statement);
        Assert.Equal(JsonValueKind.Undefined, sent[3].Body.ValueKind);
        Assert.All(sent.Skip(1), r => Assert.Equal("member-7", r.Affinity));
    }

    [Fact]
    public async Task work_that_throws_rolls_the_transaction_back_and_is_not_retried()
    {
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal) ? Neo4jAnswer.Begun("t9") : Neo4jAnswer.Rows(["taken"], [1]));
        using var client = Client(fake);

        await Assert.ThrowsAsync<ConflictException>(() => client.TransactAsync<int>(
            Lock,
            async tx =>
            {
                await tx.RunAsync(ByPath, [("path", "a/b/c")], Ct);
                throw new ConflictException("refused by a check");
            },
            Ct));

        Assert.Equal(
            ["POST /db/lineage/query/v2/tx", "POST /db/lineage/query/v2/tx/t9", "POST /db/lineage/query/v2/tx/t9", "DELETE /db/lineage/query/v2/tx/t9"],
            fake.Requests.Select(r => $"{r.Method} {r.Path}").ToArray());
    }

    [Fact]
    public async Task a_deadlock_rolls_back_and_runs_the_whole_transaction_again()
    {
        var attempts = 0;
        await using var fake = new FakeNeo4j(r =>
        {
            if (r.Path.EndsWith("/tx", StringComparison.Ordinal))
            {
                return Neo4jAnswer.Begun($"t{++attempts}");
            }

            return r.Path == "/db/lineage/query/v2/tx/t1" && r.Statement == ByPath.Text
                ? Neo4jAnswer.Error(400, "Neo.TransientError.Transaction.DeadlockDetected", "ForsetiClient can't acquire ExclusiveLock")
                : Neo4jAnswer.Rows(["taken"], [attempts]);
        });
        using var client = Client(fake);

        var ran = 0;
        var taken = await client.TransactAsync(
            Lock,
            async tx =>
            {
                ran++;
                return (await tx.RunAsync(ByPath, [("path", "a/b/c")], Ct)).Rows[0].Long("taken");
            },
            Ct);

        Assert.Equal(2, taken);
        Assert.Equal(2, ran);
        Assert.Equal(1, client.Retries);
        var calls = fake.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Contains("DELETE /db/lineage/query/v2/tx/t1", calls);
        Assert.DoesNotContain("POST /db/lineage/query/v2/tx/t1/commit", calls);
        Assert.Equal("POST /db/lineage/query/v2/tx/t2/commit", calls[^1]);
    }

    [Fact]
    public async Task an_expired_transaction_is_opened_again_and_the_work_run_again()
    {
        var opened = 0;
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal)
            ? Neo4jAnswer.Begun($"e{++opened}")
            : r.Path == "/db/lineage/query/v2/tx/e1/commit"
                ? Neo4jAnswer.Error(404, "Neo.ClientError.Request.Invalid", "Transaction with Id: \"e1\" was not found. It may have timed out and therefore rolled back")
                : Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);

        await client.TransactAsync(Lock, tx => tx.RunAsync(ByPath, [("path", "a/b/c")], Ct), Ct);

        Assert.Equal(2, opened);
        Assert.Equal("POST /db/lineage/query/v2/tx/e2/commit", fake.Requests.Select(r => $"{r.Method} {r.Path}").Last());
    }

    [Fact]
    public async Task a_commit_without_an_answer_from_neo4j_is_not_tried_again()
    {
        var opened = 0;
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal)
            ? Neo4jAnswer.Begun($"c{++opened}")
            : r.Path.EndsWith("/commit", StringComparison.Ordinal) ? new Neo4jAnswer(502, null) : Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.TransactAsync(Lock, tx => tx.RunAsync(ByPath, [("path", "a/b/c")], Ct), Ct));

        Assert.Equal(1, opened);
        Assert.Contains("may or may not have been applied", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, client.Retries);
    }

    [Fact]
    public async Task transient_failures_of_a_read_are_retried_until_one_succeeds()
    {
        var calls = 0;
        await using var fake = new FakeNeo4j(_ => ++calls switch
        {
            1 => Neo4jAnswer.Error(503, "Neo.TransientError.General.DatabaseUnavailable", "database is starting"),
            2 => new Neo4jAnswer(503, null),
            _ => Neo4jAnswer.Rows(["run"]),
        });
        using var client = Client(fake);

        var result = await client.RunAsync(ByPath, [("path", "a/b/c")], Ct);

        Assert.Empty(result.Rows);
        Assert.Equal(3, calls);
        Assert.Equal(2, client.Retries);
    }

    [Fact]
    public async Task a_failure_that_does_not_pass_is_reported_after_the_last_attempt()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Error(503, "Neo.TransientError.General.DatabaseUnavailable", "database is starting"));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.RunAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Equal(5, fake.Requests.Count);
        Assert.Contains("after 5 attempts", error.Message, StringComparison.Ordinal);
        Assert.Contains("DatabaseUnavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task refused_credentials_name_the_settings_to_check_and_never_the_password()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Error(401, "Neo.ClientError.Security.Unauthorized", "The client is unauthorized due to authentication failure."));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.RunAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Single(fake.Requests);
        Assert.Equal("Neo.ClientError.Security.Unauthorized", error.Code);
        Assert.Contains("LINEAGE_NEO4J_USER", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_constraint_violation_becomes_a_conflict()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Error(400, "Neo.ClientError.Schema.ConstraintValidationFailed", "Node(12) already exists with label `Run` and property `path` = 'a/b/c'"));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<ConflictException>(() => client.RunAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Equal(ErrorCodes.Conflict, error.Code);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task a_refused_statement_is_named_by_its_file()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Error(400, "Neo.ClientError.Statement.SyntaxError", "Invalid input 'MATC'"));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.RunAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Contains("cypher/runs/by-path.cypher", error.Message, StringComparison.Ordinal);
        Assert.Contains("Neo.ClientError.Statement.SyntaxError", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task errors_in_a_successful_status_are_still_errors()
    {
        await using var fake = new FakeNeo4j(_ => new Neo4jAnswer(200, new { results = Array.Empty<object>(), errors = new[] { new { code = "Neo.DatabaseError.General.UnknownError", message = "boom" } } }));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.RunAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Equal("Neo.DatabaseError.General.UnknownError", error.Code);
    }

    [Fact]
    public async Task an_answer_with_rows_and_an_error_fails_its_transaction_which_neo4j_has_already_ended()
    {
        // The Query API can answer 202 with data and errors together; the error ended the
        // transaction, so the rollback that follows is answered 404 and the statement's error is
        // what the caller sees.
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal)
            ? Neo4jAnswer.Begun("d1")
            : r.Statement == ByPath.Text
                ? new Neo4jAnswer(202, new
                {
                    data = new { fields = new[] { "run" }, values = new[] { new object[] { 1 } } },
                    errors = new[] { new { code = "Neo.ClientError.Statement.ArgumentError", message = "bad argument" } },
                })
                : Neo4jAnswer.Rows(["taken"], [1]));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.TransactAsync(Lock, tx => tx.RunAsync(ByPath, [("path", "a/b/c")], Ct), Ct));

        Assert.Equal("Neo.ClientError.Statement.ArgumentError", error.Code);
        Assert.Contains("cypher/runs/by-path.cypher", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            ["POST /db/lineage/query/v2/tx", "POST /db/lineage/query/v2/tx/d1", "POST /db/lineage/query/v2/tx/d1", "DELETE /db/lineage/query/v2/tx/d1"],
            fake.Requests.Select(r => $"{r.Method} {r.Path}").ToArray());
        Assert.Equal(0, client.Retries);
    }

    [Fact]
    public async Task a_wide_frontier_is_read_in_parts_and_a_walk_sends_the_callers_filters()
    {
        await using var fake = new FakeNeo4j(r => Neo4jAnswer.Rows(
            ["fromKind", "fromId", "toKind", "toId", "toType", "toNamespace"],
            ["ARTIFACT", r.Parameters.GetProperty("versions").EnumerateArray().Select(v => v.GetInt64()).FirstOrDefault(), "RUN", 1, "train", 7]));
        using var client = Client(fake);
        var session = new Neo4jSession(client.ReadAsync);
        var frontier = Enumerable.Range(1, 25_000).Select(i => NodeRef.Version(i)).ToList();
        var query = new LineageQuery(NodeRef.Version(1), LineageDirection.Downstream, 3, new HashSet<string> { "dataset" }, new HashSet<string> { "train" }, 100);
        var viewer = Access.Of(new Dictionary<long, Role> { [7] = Role.Viewer }, new Dictionary<long, Role>());

        var steps = await new CypherAdjacencyReader(session, query, viewer).ReadAsync(frontier, WalkDirection.Downstream, Ct);

        Assert.Equal([10_000, 10_000, 5_000], fake.Requests.Select(r => r.Parameters.GetProperty("versions").GetArrayLength()));
        Assert.Equal([1L, 10_001L, 20_001L], steps.Select(s => s.From.Id));
        Assert.All(fake.Requests, r =>
        {
            Assert.Equal([7L], r.Parameters.GetProperty("visible").EnumerateArray().Select(v => v.GetInt64()));
            Assert.Equal(["train"], r.Parameters.GetProperty("jobTypes").EnumerateArray().Select(v => v.GetString()));
            Assert.Equal(["dataset"], r.Parameters.GetProperty("artifactTypes").EnumerateArray().Select(v => v.GetString()));
        });
    }

    [Fact]
    public async Task a_cycle_check_reads_places_searches_between_them_and_moves_what_it_must()
    {
        // The database as the fake holds it: data:v5 (place 10) logged by prep, then train
        // (place 20), which now logs data's content. Places between 10 and 20 are searched;
        // with nothing between them, train and data:v5 swap places.
        var placeOf = new Dictionary<(string, long), long> { [("RUN", 2)] = 20, [("ARTIFACT", 5)] = 10 };
        await using var fake = new FakeNeo4j(r => r.Statement == CypherCatalog.Get("lineage/places").Text
            ? Neo4jAnswer.Rows(
                ["kind", "id", "place"],
                [.. r.Parameters.GetProperty("runs").EnumerateArray().Select(id => new object?[] { "RUN", id.GetInt64(), placeOf[("RUN", id.GetInt64())] })
                    .Concat(r.Parameters.GetProperty("versions").EnumerateArray().Select(id => new object?[] { "ARTIFACT", id.GetInt64(), placeOf[("ARTIFACT", id.GetInt64())] }))])
            : Neo4jAnswer.Rows(["fromKind", "fromId", "toKind", "toId", "place"]));
        using var client = Client(fake);
        var graph = new CypherOrderedGraph(new Neo4jSession(client.ReadAsync));

        Assert.Null(await CycleGuard.FindCycleAsync(graph, NodeRef.Run(2), NodeRef.Version(5), Ct));

        var sent = fake.Requests.Select(r => (Name: CypherCatalog.All.First(c => c.Value.Text == r.Statement).Key, r.Parameters)).ToList();
        Assert.Equal(["lineage/places", "lineage/downstream-within", "lineage/upstream-within", "lineage/move"], sent.Select(s => s.Name));
        Assert.Equal(20, sent[1].Parameters.GetProperty("bound").GetInt64());
        Assert.Equal(10, sent[2].Parameters.GetProperty("bound").GetInt64());
        Assert.Equal("""[{"id":2,"place":10}]""", sent[3].Parameters.GetProperty("runs").GetRawText());
        Assert.Equal("""[{"id":5,"place":20}]""", sent[3].Parameters.GetProperty("versions").GetRawText());

        // In order already: the places alone decide.
        fake.Requests.Clear();
        (placeOf[("RUN", 2)], placeOf[("ARTIFACT", 5)]) = (10, 20);
        Assert.Null(await CycleGuard.FindCycleAsync(graph, NodeRef.Run(2), NodeRef.Version(5), Ct));
        Assert.Equal("lineage/places", CypherCatalog.All.First(c => c.Value.Text == Assert.Single(fake.Requests).Statement).Key);
    }

    [Fact]
    public async Task a_node_without_a_place_is_reported_rather_than_guessed()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Rows(["kind", "id", "place"], ["RUN", 2, null], ["ARTIFACT", 5, 3]));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() =>
            CycleGuard.FindCycleAsync(new CypherOrderedGraph(new Neo4jSession(client.ReadAsync)), NodeRef.Run(2), NodeRef.Version(5), Ct));

        Assert.Contains("run:2 has no place", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task an_unreachable_server_is_retried_and_then_reported_with_its_address()
    {
        var port = FreePort();
        using var client = new Neo4jClient(new Neo4jStoreOptions
        {
            Url = new Uri($"http://127.0.0.1:{port}"),
            RetryDelay = TimeSpan.FromMilliseconds(1),
            MaxAttempts = 3,
        });

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.RunAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Equal(2, client.Retries);
        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task parameters_must_match_the_files_declaration_before_anything_is_sent()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.RunAsync(ByPath, [("pth", "a/b/c")], Ct));

        Assert.Contains("declares parameters [path]", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task a_store_write_takes_the_write_lock_first_and_a_refusal_rolls_back()
    {
        // The run the write names does not exist: the store refuses after the lock, rolls back, sends nothing more.
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal)
            ? Neo4jAnswer.Begun("w1")
            : Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);
        var store = new Neo4jLineageStore(client, TimeProvider.System);

        await Assert.ThrowsAsync<NotFoundException>(() => new LineageWrites(store).FinishRunAsync(new FinishRunCommand(RunPath.Parse("acme/zoo/r"), RunState.Finished), Actor.System("t"), Ct));

        var sent = fake.Requests.ToList();
        Assert.Equal("/db/lineage/query/v2/tx", sent[0].Path);
        Assert.Null(sent[0].Statement);
        Assert.Equal(Lock.Text, sent[1].Statement);
        Assert.Equal(ByPath.Text, sent[2].Statement);
        Assert.Equal("DELETE", sent[^1].Method);
        Assert.DoesNotContain(sent, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_unit_of_work_runs_every_call_in_one_locked_transaction_committed_once_or_rolled_back()
    {
        var opened = 0;
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal)
            ? Neo4jAnswer.Begun($"u{Interlocked.Increment(ref opened)}")
            : Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);
        var store = new Neo4jLineageStore(client, TimeProvider.System);
        var finish = new FinishRunCommand(RunPath.Parse("acme/zoo/r"), RunState.Finished);

        await using (var work = store.Begin())
        {
            // A read before the first write needs no transaction yet.
            Assert.Null(await store.FindRunAsync(RunPath.Parse("acme/zoo/r"), Access.Administrator, Ct));
            await Assert.ThrowsAsync<NotFoundException>(() => new LineageWrites(store).FinishRunAsync(finish, Actor.System("t"), Ct));
            await Assert.ThrowsAsync<NotFoundException>(() => new LineageWrites(store).FinishRunAsync(finish, Actor.System("t"), Ct));
            Assert.Null(await store.FindRunAsync(RunPath.Parse("acme/zoo/r"), Access.Administrator, Ct));
            await work.CommitAsync(Ct);
        }

        var sent = fake.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Equal(
            [
                "POST /db/lineage/query/v2",
                "POST /db/lineage/query/v2/tx",
                "POST /db/lineage/query/v2/tx/u1",
                "POST /db/lineage/query/v2/tx/u1",
                "POST /db/lineage/query/v2/tx/u1",
                "POST /db/lineage/query/v2/tx/u1",
                "POST /db/lineage/query/v2/tx/u1/commit",
            ],
            sent);
        Assert.Equal(Lock.Text, fake.Requests.ElementAt(2).Statement);

        // Ended without a commit, the unit rolls back.
        fake.Requests.Clear();
        await using (store.Begin())
        {
            await Assert.ThrowsAsync<NotFoundException>(() => new LineageWrites(store).FinishRunAsync(finish, Actor.System("t"), Ct));
        }

        Assert.Equal("DELETE /db/lineage/query/v2/tx/u2", fake.Requests.Select(r => $"{r.Method} {r.Path}").Last());
        Assert.DoesNotContain(fake.Requests, r => r.Path.EndsWith("/commit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_lock_that_outlives_the_clients_timeout_is_rolled_back_by_its_known_id_and_the_work_runs_again()
    {
        // As Neo4j does: the abandoned statement keeps running, and a rollback asked for while it
        // runs is refused as concurrent; asked again, it goes through.
        var opened = 0;
        var refusedDeletes = 0;
        await using var fake = new FakeNeo4j(r =>
        {
            if (r.Path.EndsWith("/tx", StringComparison.Ordinal))
            {
                return Neo4jAnswer.Begun($"s{Interlocked.Increment(ref opened)}");
            }

            if (r.Path == "/db/lineage/query/v2/tx/s1" && r.Statement == Lock.Text)
            {
                Thread.Sleep(TimeSpan.FromMilliseconds(600));
                return Neo4jAnswer.Rows(["taken"], [1]);
            }

            if (r.Method == "DELETE" && Interlocked.Increment(ref refusedDeletes) == 1)
            {
                return Neo4jAnswer.Error(400, "Neo.ClientError.Transaction.TransactionAccessedConcurrently", "transaction s1 is being used by another request");
            }

            return r.Method == "DELETE" ? new Neo4jAnswer(200, new { }) : Neo4jAnswer.Rows(["run"]);
        });
        using var client = new Neo4jClient(new Neo4jStoreOptions
        {
            Url = fake.Url,
            Database = "lineage",
            User = "neo4j",
            Password = "s3cret-pass",
            RetryDelay = TimeSpan.FromMilliseconds(1),
            RequestTimeout = TimeSpan.FromMilliseconds(200),
        });

        await client.TransactAsync(Lock, tx => tx.RunAsync(ByPath, [("path", "a/b/c")], Ct), Ct);

        var sent = fake.Requests.Select(r => $"{r.Method} {r.Path}").ToList();
        Assert.Equal(2, sent.Count(r => r == "DELETE /db/lineage/query/v2/tx/s1"));
        Assert.DoesNotContain("POST /db/lineage/query/v2/tx/s1/commit", sent);
        Assert.Equal("POST /db/lineage/query/v2/tx/s2/commit", sent[^1]);
        Assert.Equal(1, client.Retries);
    }

    [Fact]
    public void the_compose_files_neo4j_ends_a_waiting_lock_and_a_running_transaction_before_the_service_stops_waiting()
    {
        var compose = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docker-compose.yml"));
        TimeSpan Setting(string name)
        {
            var match = System.Text.RegularExpressions.Regex.Match(compose, $@"^\s*{name}:\s*(\d+)s\s*$", System.Text.RegularExpressions.RegexOptions.Multiline);
            Assert.True(match.Success, $"docker-compose.yml sets no {name}");
            return TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        }

        var client = new Neo4jStoreOptions { Url = new Uri("http://localhost:7474") }.RequestTimeout;
        var lockWait = Setting("NEO4J_db_lock_acquisition_timeout");
        var transaction = Setting("NEO4J_db_transaction_timeout");

        Assert.True(lockWait < transaction, $"lock wait {lockWait} is not below the transaction timeout {transaction}");
        Assert.True(transaction < client, $"the transaction timeout {transaction} is not below the client's {client}");
    }

    [Fact]
    public async Task a_read_asks_for_any_cluster_member_and_a_schema_statement_or_transaction_for_a_writer()
    {
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal) ? Neo4jAnswer.Begun("w1") : Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);

        await client.ReadAsync(ByPath, [("path", "a/b/c")], Ct);
        await client.RunAsync(CypherCatalog.Folder("schema")[0], [], Ct);
        await client.TransactAsync(Lock, tx => tx.RunAsync(ByPath, [("path", "a/b/c")], Ct), Ct);

        var sent = fake.Requests.ToList();
        Assert.Equal("Read", sent[0].Body.GetProperty("accessMode").GetString());
        Assert.All(sent.Skip(1), r => Assert.False(r.Body.ValueKind == JsonValueKind.Object && r.Body.TryGetProperty("accessMode", out _), $"{r.Method} {r.Path} asks for an access mode"));
    }

    [Fact]
    public async Task bookmarks_of_transactions_that_finish_in_either_order_are_all_waited_for_and_only_commits_and_implicit_calls_give_them()
    {
        var opened = 0;
        var commits = 0;
        await using var fake = new FakeNeo4j(r =>
            r.Path.EndsWith("/tx", StringComparison.Ordinal) ? Neo4jAnswer.Begun($"b{Interlocked.Increment(ref opened)}")
            : r.Path.EndsWith("/commit", StringComparison.Ordinal) ? new Neo4jAnswer(202, new { bookmarks = new[] { $"FB:commit-{Interlocked.Increment(ref commits)}" } })
            : Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);

        var first = await client.BeginAsync(Lock, Ct);
        var second = await client.BeginAsync(Lock, Ct);
        await second.RunAsync(ByPath, [("path", "a/b/c")], Ct);
        await second.CommitAsync(Ct);
        await first.CommitAsync(Ct);
        await client.ReadAsync(ByPath, [("path", "a/b/c")], Ct);

        // The in-transaction statement's answer carried FB:bookmark-1, which no one waits for;
        // the later commit did not push the earlier one out.
        var read = fake.Requests.Last();
        Assert.Equal(["FB:commit-1", "FB:commit-2"], read.Body.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetString()).Order(StringComparer.Ordinal));

        // A read that ends with a new bookmark replaces the ones it waited for.
        await client.ReadAsync(ByPath, [("path", "a/b/c")], Ct);
        Assert.Equal(["FB:bookmark-1"], fake.Requests.Last().Body.GetProperty("bookmarks").EnumerateArray().Select(b => b.GetString()));
    }

    [Theory]
    [InlineData("Neo.TransientError.Transaction.Terminated")]
    [InlineData("Neo.TransientError.Transaction.LockClientStopped")]
    public async Task a_transaction_neo4j_ended_on_purpose_is_not_tried_again(string code)
    {
        await using var fake = new FakeNeo4j(r => r.Path.EndsWith("/tx", StringComparison.Ordinal)
            ? Neo4jAnswer.Begun("k1")
            : r.Method == "POST" && r.Path == "/db/lineage/query/v2/tx/k1" ? Neo4jAnswer.Error(400, code, "The transaction has been terminated.") : Neo4jAnswer.Rows(["run"]));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.TransactAsync(Lock, tx => tx.RunAsync(ByPath, [("path", "a/b/c")], Ct), Ct));

        Assert.Equal(code, error.Code);
        Assert.Equal(0, client.Retries);
        Assert.Single(fake.Requests, r => r.Path.EndsWith("/tx", StringComparison.Ordinal));
        Assert.Equal("DELETE /db/lineage/query/v2/tx/k1", fake.Requests.Select(r => $"{r.Method} {r.Path}").Last());
    }

    [Fact]
    public async Task a_not_found_message_in_another_answer_is_not_taken_for_an_expired_transaction()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Error(400, "Neo.ClientError.Request.Invalid", "Property 'x' was not found"));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.ReadAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Single(fake.Requests);
        Assert.Equal(0, client.Retries);
        Assert.Contains("cypher/runs/by-path.cypher", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(401, "Neo.ClientError.Security.Unauthorized", "LINEAGE_NEO4J_PASSWORD")]
    [InlineData(403, "Neo.ClientError.Security.Forbidden", "grant it read and write")]
    [InlineData(401, "Neo.ClientError.Security.CredentialsExpired", "has expired")]
    [InlineData(401, "Neo.ClientError.Security.TokenExpired", "LINEAGE_NEO4J_TOKEN has expired")]
    [InlineData(429, "Neo.ClientError.Security.AuthenticationRateLimit", "too many failed")]
    public async Task each_security_refusal_says_what_the_operator_should_do(int status, string code, string advice)
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Error(status, code, "refused for user neo4j"));
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => client.ReadAsync(ByPath, [("path", "a/b/c")], Ct));

        Assert.Equal(code, error.Code);
        Assert.Contains(advice, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pass", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task a_server_that_serves_no_discovery_reports_its_version_through_the_query_api()
    {
        await using var fake = new FakeNeo4j(r => r.Statement == CypherCatalog.Get("maintenance/server-version").Text
            ? Neo4jAnswer.Rows(["version"], ["2025.10.0-aura"])
            : Neo4jAnswer.OpeningOr(r, Neo4jAnswer.Rows([])))
        { ServesDiscovery = false };
        using var client = Client(fake);

        await new Neo4jLineageStore(client, TimeProvider.System).SetUpSchemaAsync(Ct);

        var sent = fake.Requests.ToList();
        Assert.Equal(CypherCatalog.Get("maintenance/server-version").Text, sent[0].Statement);
        Assert.Equal("Read", sent[0].Body.GetProperty("accessMode").GetString());
        Assert.Equal(CypherCatalog.Folder("schema").Select(s => (string?)s.Text), sent.Skip(1).Take(CypherCatalog.Folder("schema").Count).Select(r => r.Statement));
    }

    [Fact]
    public async Task a_server_too_old_for_the_store_is_refused_when_it_reports_its_version_through_the_query_api_too()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Rows(["version"], ["5.20.0"])) { ServesDiscovery = false };
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => new Neo4jLineageStore(client, TimeProvider.System).SetUpSchemaAsync(Ct));

        Assert.Contains("Neo4j 5.20.0 is too old", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task the_schema_is_set_up_with_every_statement_of_cypher_schema_in_order()
    {
        await using var fake = new FakeNeo4j(r => Neo4jAnswer.OpeningOr(r, Neo4jAnswer.Rows([])));
        using var client = Client(fake);

        await new Neo4jLineageStore(client, TimeProvider.System).SetUpSchemaAsync(Ct);

        var expected = CypherCatalog.Folder("schema").Select(s => (string?)s.Text).ToList();
        Assert.Equal(expected, fake.Requests.Select(r => r.Statement).Take(expected.Count).ToList());
        Assert.All(expected, text => Assert.Contains("IF NOT EXISTS", text!, StringComparison.Ordinal));
    }

    [Fact]
    public async Task data_made_before_a_change_of_shape_is_changed_once_in_batches_until_none_is_left()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var batches = new Queue<long>([10_000, 10_000, 42, 0]);
        await using var fake = new FakeNeo4j(r =>
        {
            if (r.Statement == CypherCatalog.Get("maintenance/migration-done").Text)
            {
                return Neo4jAnswer.Rows(["done"], [done.Contains(r.Parameters.GetProperty("name").GetString()!)]);
            }

            if (r.Statement == CypherCatalog.Get("maintenance/search-names").Text)
            {
                return Neo4jAnswer.Rows(["updated"], [batches.Dequeue()]);
            }

            if (r.Statement == CypherCatalog.Get("maintenance/edge-ends").Text)
            {
                return Neo4jAnswer.Rows(["updated"], [0]);
            }

            if (r.Statement == CypherCatalog.Get("maintenance/migration-record").Text)
            {
                done.Add(r.Parameters.GetProperty("name").GetString()!);
            }

            return Neo4jAnswer.OpeningOr(r, Neo4jAnswer.Rows([]));
        });
        using var client = Client(fake);
        var store = new Neo4jLineageStore(client, TimeProvider.System);

        await store.SetUpSchemaAsync(Ct);
        var first = fake.Requests.Select(r => r.Statement).ToList();
        fake.Requests.Clear();
        await store.SetUpSchemaAsync(Ct);

        Assert.Equal(4, first.Count(t => t == CypherCatalog.Get("maintenance/search-names").Text));
        Assert.Equal(1, first.Count(t => t == CypherCatalog.Get("maintenance/edge-ends").Text));
        Assert.Equal(["search-names", "edge-ends", "lineage-places"], done);
        Assert.Empty(batches);
        Assert.DoesNotContain(fake.Requests, r => r.Statement == CypherCatalog.Get("maintenance/search-names").Text || r.Statement == CypherCatalog.Get("maintenance/edge-ends").Text);
        Assert.Equal(CypherCatalog.Get("maintenance/migration-done").Text, fake.Requests.Last().Statement);
    }

    [Fact]
    public async Task a_graph_made_before_nodes_held_places_is_placed_once_under_the_write_lock()
    {
        // Stored: run 1 logged version 1, which run 2 used; run 2 logged version 2, which run 3
        // used; run 4 has no edges. Pages end when one comes back empty.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var moved = new Dictionary<string, long>();
        long? last = null;
        await using var fake = new FakeNeo4j(r =>
        {
            var name = r.Statement is { } text ? CypherCatalog.All.FirstOrDefault(c => c.Value.Text == text).Key : null;
            switch (name)
            {
                case "maintenance/migration-done":
                    return Neo4jAnswer.Rows(["done"], [done.Contains(r.Parameters.GetProperty("name").GetString()!)]);
                case "maintenance/migration-record":
                    done.Add(r.Parameters.GetProperty("name").GetString()!);
                    break;
                case "maintenance/lineage-nodes" when r.Parameters.GetProperty("afterRun").GetInt64() == 0:
                    return Neo4jAnswer.Rows(["kind", "id"], ["RUN", 1], ["RUN", 2], ["RUN", 3], ["RUN", 4], ["ARTIFACT", 1], ["ARTIFACT", 2]);
                case "maintenance/lineage-edges" when r.Parameters.GetProperty("afterUsed").GetInt64() == 0:
                    return Neo4jAnswer.Rows(
                        ["kind", "seq", "runId", "versionId"],
                        ["LOGGED", 1, 1, 1], ["USED", 1, 2, 1], ["LOGGED", 2, 2, 2], ["USED", 2, 3, 2]);
                case "lineage/move":
                    foreach (var (kind, list) in new[] { ("run", "runs"), ("version", "versions") })
                    {
                        foreach (var m in r.Parameters.GetProperty(list).EnumerateArray())
                        {
                            moved[$"{kind}:{m.GetProperty("id").GetInt64()}"] = m.GetProperty("place").GetInt64();
                        }
                    }

                    break;
                case "maintenance/place-sequence":
                    last = r.Parameters.GetProperty("last").GetInt64();
                    break;
            }

            return Neo4jAnswer.OpeningOr(r, name is "maintenance/lineage-nodes" or "maintenance/lineage-edges" ? Neo4jAnswer.Rows(["kind"]) : Neo4jAnswer.Rows([]));
        });
        using var client = Client(fake);
        var store = new Neo4jLineageStore(client, TimeProvider.System);

        await store.SetUpSchemaAsync(Ct);

        Assert.Equal(6, moved.Count);
        Assert.Equal(6, last);
        Assert.Equal(6, moved.Values.Distinct().Count());
        foreach (var (from, to) in new[] { ("run:1", "version:1"), ("version:1", "run:2"), ("run:2", "version:2"), ("version:2", "run:3") })
        {
            Assert.True(moved[from] < moved[to], $"{from} is placed before {to}");
        }

        var placing = fake.Requests.SkipWhile(r => !r.Path.EndsWith("/tx", StringComparison.Ordinal)).ToList();
        Assert.Equal(CypherCatalog.Get("lock/take").Text, placing[1].Statement);
        Assert.EndsWith("/commit", placing.Last(r => r.Method == "POST" && r.Statement is null).Path, StringComparison.Ordinal);

        fake.Requests.Clear();
        await store.SetUpSchemaAsync(Ct);
        Assert.DoesNotContain(fake.Requests, r => r.Statement == CypherCatalog.Get("maintenance/lineage-nodes").Text);
    }

    [Fact]
    public async Task a_graph_placed_by_another_instance_while_this_one_waited_for_the_lock_is_not_placed_again()
    {
        // Outside the transaction the placing is not done yet; under the lock it is.
        await using var fake = new FakeNeo4j(r => r.Statement == CypherCatalog.Get("maintenance/migration-done").Text
            ? Neo4jAnswer.Rows(["done"], [r.Path.Contains("/tx/", StringComparison.Ordinal) && r.Parameters.GetProperty("name").GetString() == "lineage-places"])
            : Neo4jAnswer.OpeningOr(r, Neo4jAnswer.Rows([])));
        using var client = Client(fake);

        await new Neo4jLineageStore(client, TimeProvider.System).SetUpSchemaAsync(Ct);

        Assert.DoesNotContain(fake.Requests, r => r.Statement == CypherCatalog.Get("maintenance/lineage-nodes").Text);
        Assert.DoesNotContain(fake.Requests, r => r.Statement == CypherCatalog.Get("maintenance/place-sequence").Text);
        Assert.EndsWith("/commit", fake.Requests.Last().Path, StringComparison.Ordinal);
    }

    [Fact]
    public void search_finds_names_through_a_text_index_on_the_lower_cased_name_every_new_node_is_made_with()
    {
        var search = CypherCatalog.Get("search/names").Text;
        Assert.DoesNotContain("toLower", search, StringComparison.Ordinal);
        foreach (var (label, variable, create) in new[] { ("Run", "r", "runs/create"), ("Artifact", "a", "artifacts/create"), ("Collection", "c", "collections/create") })
        {
            Assert.Contains($"{variable}.searchName CONTAINS $text", search, StringComparison.Ordinal);
            Assert.Contains("searchName: toLower($name)", CypherCatalog.Get(create).Text, StringComparison.Ordinal);
            Assert.Contains(CypherCatalog.Folder("schema"), s => s.Text.Contains($"CREATE TEXT INDEX", StringComparison.Ordinal) && s.Text.Contains($"FOR ({variable}:{label}) ON ({variable}.searchName)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void a_page_of_a_run_or_versions_edges_seeks_the_edges_by_end_and_sequence_which_every_new_edge_carries()
    {
        foreach (var (page, relation, end) in new[] { ("used-by", "USED", "versionId"), ("loggers", "LOGGED", "versionId"), ("used-artifacts", "USED", "runId"), ("logged-artifacts", "LOGGED", "runId") })
        {
            var text = CypherCatalog.Get($"pages/{page}").Text;
            Assert.Contains($"[e:{relation}]", text, StringComparison.Ordinal);
            Assert.Contains($"e.{end} = parent AND e.seq > $after", text, StringComparison.Ordinal);
            Assert.Contains(CypherCatalog.Folder("schema"), s => s.Text.Contains($"FOR ()-[e:{relation}]-() ON (e.{end}, e.seq)", StringComparison.Ordinal));
            Assert.Contains("runId: r.id, versionId: v.id", CypherCatalog.Get($"edges/create-{relation.ToLowerInvariant()}").Text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void a_hubs_count_for_a_caller_who_sees_everything_is_its_degree_not_its_fan_out()
    {
        foreach (var (count, degree) in new[] { ("used-by", "(v)<-[:USED]-()"), ("loggers", "(v)<-[:LOGGED]-()"), ("used-artifacts", "(r)-[:USED]->()"), ("logged-artifacts", "(r)-[:LOGGED]->()") })
        {
            var text = CypherCatalog.Get($"counts/{count}").Text;

            // An anonymous far end with no label or property is what Neo4j answers from the degree it keeps.
            Assert.Contains($"WHEN $visible IS NULL THEN COUNT {{ {degree} }}", text, StringComparison.Ordinal);
            Assert.Contains("c.namespaceId IN $visible", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task a_server_older_than_the_store_needs_is_refused_before_any_statement()
    {
        await using var fake = new FakeNeo4j(_ => Neo4jAnswer.Rows([])) { Version = "5.13.0" };
        using var client = Client(fake);

        var error = await Assert.ThrowsAsync<Neo4jStoreException>(() => new Neo4jLineageStore(client, TimeProvider.System).SetUpSchemaAsync(Ct));

        Assert.Contains("Neo4j 5.13.0 is too old", error.Message, StringComparison.Ordinal);
        Assert.Empty(fake.Requests);
    }

    [Theory]
    [InlineData("5.26.0", true)]
    [InlineData("5.26.12-aura", true)]
    [InlineData("2025.06.0", true)]
    [InlineData("5.25.1", false)]
    [InlineData("4.4.30", false)]
    [InlineData("dev", false)]
    public void server_versions_are_compared_by_major_and_minor(string reported, bool supported) =>
        Assert.Equal(supported, Neo4jLineageStore.IsSupported(reported));

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
