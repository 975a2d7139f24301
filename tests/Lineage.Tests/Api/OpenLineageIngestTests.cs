using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>
/// <c>POST /api/v1/lineage</c>: OpenLineage 2-0-2 events, as the spec's examples and its HTTP
/// transport send them, recorded as runs, versions and edges; bad events refused whole.
/// </summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class OpenLineageIngestTests : IAsyncLifetime
{
    private const string Endpoint = "/api/v1/lineage?namespace=acme";
    private const string Producer = "https://github.com/OpenLineage/OpenLineage/tree/1.40.0/client/python";
    private const string RunEventSchema = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";

    private readonly LineageApp _app = new();
    private GraphQLClient _admin = null!;

    public ValueTask InitializeAsync()
    {
        _admin = _app.GraphQL();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // The getting-started pair of OpenLineage and Marquez (job my-namespace/my-job, run
    // d46e465b-…): a START with one input, then a COMPLETE with one output carrying a schema
    // facet of four columns; with schemaURL, which 2-0-2 requires and those older examples leave out.
    private static readonly Guid ExampleRun = Guid.Parse("d46e465b-d358-4d32-83d4-df660ff614dd");

    private static JsonObject Facet(string schema, JsonObject fields)
    {
        fields["_producer"] = Producer;
        fields["_schemaURL"] = $"https://openlineage.io/spec/facets/{schema}";
        return fields;
    }

    private static JsonObject Schema(params string[] columns) => new()
    {
        ["schema"] = Facet("1-1-1/SchemaDatasetFacet.json#/$defs/SchemaDatasetFacet", new JsonObject
        {
            ["fields"] = new JsonArray([.. columns.Select(c => (JsonNode)new JsonObject { ["name"] = c, ["type"] = "VARCHAR" })]),
        }),
    };

    private static JsonObject Version(string version) => new()
    {
        ["version"] = Facet("1-0-1/DatasetVersionDatasetFacet.json#/$defs/DatasetVersionDatasetFacet", new JsonObject { ["datasetVersion"] = version }),
    };

    /// <summary>Run facets naming a parent run, under <paramref name="key"/> (<c>parent</c>, or the older <c>parentRun</c>).</summary>
    private static JsonObject ParentFacets(Guid parentRun, string job, string key = "parent") => new()
    {
        [key] = Facet("1-0-1/ParentRunFacet.json#/$defs/ParentRunFacet", new JsonObject
        {
            ["run"] = new JsonObject { ["runId"] = parentRun.ToString() },
            ["job"] = new JsonObject { ["namespace"] = "airflow", ["name"] = job },
        }),
    };

    private static JsonObject Dataset(string ns, string name, JsonObject? facets = null)
    {
        var dataset = new JsonObject { ["namespace"] = ns, ["name"] = name };
        if (facets is not null)
        {
            dataset["facets"] = facets;
        }

        return dataset;
    }

    private static JsonObject Event(
        string type, Guid runId, string job, string jobNamespace = "my-namespace",
        JsonObject[]? inputs = null, JsonObject[]? outputs = null, JsonObject? runFacets = null, JsonObject? jobFacets = null)
    {
        var run = new JsonObject { ["runId"] = runId.ToString() };
        if (runFacets is not null)
        {
            run["facets"] = runFacets;
        }

        var theJob = new JsonObject { ["namespace"] = jobNamespace, ["name"] = job };
        if (jobFacets is not null)
        {
            theJob["facets"] = jobFacets;
        }

        return new JsonObject
        {
            ["eventType"] = type,
            ["eventTime"] = "2026-12-04T10:15:00.000Z",
            ["run"] = run,
            ["job"] = theJob,
            ["inputs"] = new JsonArray([.. (inputs ?? []).Select(i => (JsonNode)i.DeepClone())]),
            ["outputs"] = new JsonArray([.. (outputs ?? []).Select(o => (JsonNode)o.DeepClone())]),
            ["producer"] = Producer,
            ["schemaURL"] = RunEventSchema,
        };
    }

    private static JsonObject ExampleStart() =>
        Event("START", ExampleRun, "my-job", inputs: [Dataset("my-namespace", "my-input")]);

    private static JsonObject ExampleComplete() =>
        Event("COMPLETE", ExampleRun, "my-job", outputs: [Dataset("my-namespace", "my-output", Schema("a", "b", "c", "d"))]);

    private const string ExampleRunPath = "acme/my-namespace/my-job-d46e465bd3584d3283d4df660ff614dd";

    private async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(
        string body, string contentType = "application/json", string endpoint = Endpoint, HttpClient? http = null)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        using var response = await (http ?? _admin.Http).PostAsync(new Uri(endpoint, UriKind.Relative), content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(params JsonObject[] events) =>
        PostAsync(events.Length == 1 ? events[0].ToJsonString() : new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]).ToJsonString());

    private async Task<JsonElement> RunAsync(string path) =>
        (await _admin.DataAsync(
            """
            query ($path: String!) {
              run(path: $path) {
                path state jobType config
                usedArtifacts { nodes { qualifiedName type metadata } }
                loggedArtifacts { nodes { qualifiedName type digest } }
              }
            }
            """,
            new { path })).GetProperty("run");

    /// <summary>How many runs the project holds; 0 when it does not exist.</summary>
    private async Task<int> ProjectRunCountAsync(string path)
    {
        var response = await _admin.SendAsync("query ($path: String!) { project(path: $path) { runs { totalCount } } }", new { path });
        var project = response.Body.At("data.project");
        return project.ValueKind == JsonValueKind.Null ? 0 : project.At("runs.totalCount").GetInt32();
    }

    [Fact]
    public async Task the_spec_example_records_a_run_that_used_its_input_and_logged_its_output()
    {
        var (status, body) = await PostAsync(ExampleStart());
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(1, body.GetProperty("events").GetInt32());

        var started = await RunAsync(ExampleRunPath);
        Assert.Equal("RUNNING", started.Str("state"));
        Assert.Equal(ExampleRun.ToString(), started.Str("config.openlineage.runId"));
        Assert.Equal("my-job", started.Str("config.openlineage.job.name"));
        Assert.Equal("2026-12-04T10:15:00Z", started.Str("config.openlineage.eventTime"));
        Assert.Equal(["acme/my-namespace/my-input:v0"], started.Strings("usedArtifacts.nodes", "qualifiedName"));
        Assert.Equal("dataset", started.Str("usedArtifacts.nodes.0.type"));
        Assert.Equal("my-input", started.Str("usedArtifacts.nodes.0.metadata.openlineage.name"));

        (status, _) = await PostAsync(ExampleComplete());
        Assert.Equal(HttpStatusCode.Created, status);
        var completed = await RunAsync(ExampleRunPath);
        Assert.Equal("FINISHED", completed.Str("state"));
        Assert.Equal(["acme/my-namespace/my-output:v0"], completed.Strings("loggedArtifacts.nodes", "qualifiedName"));

        var lineage = await _admin.DataAsync(
            """{ lineage(start: "acme/my-namespace/my-output:v0", direction: UPSTREAM) { nodes { path } edges { kind } } }""");
        Assert.Equal(
            new[] { "acme/my-namespace/my-input.source", "acme/my-namespace/my-input:v0", "acme/my-namespace/my-output:v0", ExampleRunPath }.Order(StringComparer.Ordinal),
            lineage.Strings("lineage.nodes", "path").Order(StringComparer.Ordinal));
        Assert.Equal(["LOGGED", "LOGGED", "USED"], lineage.Strings("lineage.edges", "kind").Order());
    }

    // The "simple examples" of OpenLineage's documentation, as printed there (events of an older
    // spec, without schemaURL).
    private const string DocsStart = """
        {
          "eventType": "START",
          "eventTime": "2020-12-28T19:52:00.001+10:00",
          "run": { "runId": "d46e465b-d358-4d32-83d4-df660ff614dd" },
          "job": { "namespace": "workshop", "name": "process_taxes" },
          "inputs": [{ "namespace": "postgres://workshop-db:None", "name": "workshop.public.taxes" }],
          "producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client"
        }
        """;

    private const string DocsComplete = """
        {
          "eventType": "COMPLETE",
          "eventTime": "2020-12-28T20:52:00.001+10:00",
          "run": { "runId": "d46e465b-d358-4d32-83d4-df660ff614dd" },
          "job": { "namespace": "workshop", "name": "process_taxes" },
          "outputs": [{ "namespace": "postgres://workshop-db:None", "name": "workshop.public.unpaid_taxes" }],
          "producer": "https://github.com/OpenLineage/OpenLineage/blob/v1-0-0/client"
        }
        """;

    [Fact]
    public async Task the_documentations_simple_examples_are_refused_for_their_missing_schema_url_and_recorded_with_it()
    {
        var (refused, error) = await PostAsync(DocsStart);
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("schemaURL", error.Str("errors.0.extensions.field"));
        Assert.Equal("required", error.Str("errors.0.extensions.rule"));

        static string WithSchemaUrl(string e)
        {
            var withUrl = JsonNode.Parse(e)!.AsObject();
            withUrl["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/RunEvent";
            return withUrl.ToJsonString();
        }

        var (status, body) = await PostAsync($"[{WithSchemaUrl(DocsStart)},{WithSchemaUrl(DocsComplete)}]");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(2, body.GetProperty("events").GetInt32());

        var run = await RunAsync("acme/workshop/process_taxes-d46e465bd3584d3283d4df660ff614dd");
        Assert.Equal("FINISHED", run.Str("state"));
        Assert.Equal("2020-12-28T09:52:00.001Z", run.Str("config.openlineage.eventTime"));
        var used = run.Str("usedArtifacts.nodes.0.qualifiedName");
        var logged = run.Str("loggedArtifacts.nodes.0.qualifiedName");
        Assert.Matches("^acme/postgres-workshop-db-None-[0-9a-f]{8}/workshop.public.taxes:v0$", used);
        Assert.Matches("^acme/postgres-workshop-db-None-[0-9a-f]{8}/workshop.public.unpaid_taxes:v0$", logged);
        Assert.Equal(used.Split('/')[1], logged.Split('/')[1]);
    }

    [Fact]
    public async Task a_repeated_event_adds_nothing_and_records_no_second_audit_event()
    {
        var first = await PostAsync(ExampleStart(), ExampleComplete());
        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(2, first.Body.GetProperty("runsCreated").GetInt32());
        Assert.Equal(2, first.Body.GetProperty("versionsCreated").GetInt32());
        const string Verify = """{ verifyAuditHistory(path: "acme/my-namespace/my-output") { ok eventsChecked } }""";
        var before = await _admin.DataAsync(Verify);
        Assert.Equal(1, before.At("verifyAuditHistory.eventsChecked").GetInt32());

        var again = await PostAsync(ExampleStart(), ExampleComplete());
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(0, again.Body.GetProperty("runsCreated").GetInt32());
        Assert.Equal(0, again.Body.GetProperty("versionsCreated").GetInt32());
        Assert.Equal(0, again.Body.GetProperty("edgesCreated").GetInt32());
        Assert.Equal(before.GetRawText(), (await _admin.DataAsync(Verify)).GetRawText());
        Assert.Equal(2, await ProjectRunCountAsync("acme/my-namespace"));
    }

    [Fact]
    public async Task complete_before_start_ends_the_run_and_the_late_start_still_adds_its_input()
    {
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(ExampleComplete())).Status);
        var ended = await RunAsync(ExampleRunPath);
        Assert.Equal("FINISHED", ended.Str("state"));
        Assert.Empty(ended.At("usedArtifacts.nodes").EnumerateArray());

        Assert.Equal(HttpStatusCode.Created, (await PostAsync(ExampleStart())).Status);
        var late = await RunAsync(ExampleRunPath);
        Assert.Equal("FINISHED", late.Str("state"));
        Assert.Equal(["acme/my-namespace/my-input:v0"], late.Strings("usedArtifacts.nodes", "qualifiedName"));
        Assert.Equal(["acme/my-namespace/my-output:v0"], late.Strings("loggedArtifacts.nodes", "qualifiedName"));
    }

    [Theory]
    [InlineData("FAIL", "FAILED")]
    [InlineData("ABORT", "CRASHED")]
    [InlineData("RUNNING", "RUNNING")]
    [InlineData("OTHER", "RUNNING")]
    public async Task each_event_type_sets_the_run_state_it_means(string eventType, string state)
    {
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Event(eventType, ExampleRun, "my-job"))).Status);
        Assert.Equal(state, (await RunAsync(ExampleRunPath)).Str("state"));

        // A run ends once: a later COMPLETE leaves a failed run failed.
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Event("COMPLETE", ExampleRun, "my-job"))).Status);
        Assert.Equal(state == "RUNNING" ? "FINISHED" : state, (await RunAsync(ExampleRunPath)).Str("state"));
    }

    [Fact]
    public async Task across_job_namespaces_a_reader_uses_what_the_writer_logged()
    {
        // Spark writes a table, Airflow later reads it with no facets: the read binds to the
        // version Spark logged, so lineage crosses the two jobs and both projects.
        var write = Guid.NewGuid();
        var read = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(
            Event("COMPLETE", write, "orders_etl", "spark://cluster:7077", outputs: [Dataset("postgres://db:5432", "shop.public.orders", Schema("id", "total"))]),
            Event("COMPLETE", read, "daily_report", "airflow", inputs: [Dataset("postgres://db:5432", "shop.public.orders")], outputs: [Dataset("s3://reports", "daily.csv")]))).Status);

        var report = await RunAsync($"acme/airflow/daily_report-{read:N}");
        var used = report.Str("usedArtifacts.nodes.0.qualifiedName");
        Assert.StartsWith("acme/postgres-db-5432-", used, StringComparison.Ordinal);
        Assert.EndsWith("/shop.public.orders:v0", used, StringComparison.Ordinal);

        var lineage = await _admin.DataAsync(
            "query ($start: String!) { lineage(start: $start, direction: UPSTREAM, depth: 4) { nodes { path } } }",
            new { start = report.Str("loggedArtifacts.nodes.0.qualifiedName") });
        var paths = lineage.Strings("lineage.nodes", "path");
        Assert.Contains(paths, p => p.StartsWith("acme/spark-cluster-7077-", StringComparison.Ordinal) && p.EndsWith($"/orders_etl-{write:N}", StringComparison.Ordinal));
        Assert.DoesNotContain(paths, p => p.EndsWith(".source", StringComparison.Ordinal));
    }

    [Fact]
    public async Task a_version_facet_names_the_version_and_the_same_facets_are_one_version()
    {
        var (a, b, c, d) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(
            Event("COMPLETE", a, "writer", outputs: [Dataset("warehouse", "events", Version("41"))]),
            Event("COMPLETE", b, "writer", outputs: [Dataset("warehouse", "events", Version("42"))]),
            Event("COMPLETE", c, "reader", inputs: [Dataset("warehouse", "events", Version("41"))]),
            Event("COMPLETE", d, "writer", outputs: [Dataset("warehouse", "events", Version("42"))]))).Status);

        Assert.Equal("acme/warehouse/events:v0", (await RunAsync($"acme/my-namespace/reader-{c:N}")).Str("usedArtifacts.nodes.0.qualifiedName"));
        Assert.Equal("acme/warehouse/events:v1", (await RunAsync($"acme/my-namespace/writer-{d:N}")).Str("loggedArtifacts.nodes.0.qualifiedName"));
        var loggers = await _admin.DataAsync("""{ artifact(name: "acme/warehouse/events:v1") { loggers { totalCount } metadata } }""");
        Assert.Equal(2, loggers.At("artifact.loggers.totalCount").GetInt32());
        Assert.Equal("42", loggers.Str("artifact.metadata.openlineage.facets.version.datasetVersion"));

        // Without a version facet the facets are the content: the same schema from another
        // emitter (another _producer) is the same version, a new column a new one.
        var (e, f, g) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var otherProducer = Schema("id", "name");
        otherProducer["schema"]!["_producer"] = "https://example.com/another-emitter";
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(
            Event("COMPLETE", e, "w", outputs: [Dataset("warehouse", "users", Schema("id", "name"))]),
            Event("COMPLETE", f, "w", outputs: [Dataset("warehouse", "users", otherProducer)]),
            Event("COMPLETE", g, "w", outputs: [Dataset("warehouse", "users", Schema("id", "name", "email"))]))).Status);
        var users = await _admin.DataAsync("""{ artifact(name: "acme/warehouse/users:latest") { version } first: artifact(name: "acme/warehouse/users:v0") { loggers { totalCount } } }""");
        Assert.Equal("v1", users.Str("artifact.version"));
        Assert.Equal(2, users.At("first.loggers.totalCount").GetInt32());
    }

    [Fact]
    public async Task a_parent_run_facet_links_the_child_to_its_parent_run()
    {
        var dagRun = Guid.NewGuid();
        var parent = ParentFacets(dagRun, "daily_dag");
        var jobType = new JsonObject
        {
            ["jobType"] = Facet("2-0-3/JobTypeJobFacet.json#/$defs/JobTypeJobFacet", new JsonObject
            {
                ["processingType"] = "BATCH",
                ["integration"] = "AIRFLOW",
                ["jobType"] = "TASK",
            }),
        };
        var task = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Event("START", task, "daily_dag.extract", "airflow", runFacets: parent, jobFacets: jobType))).Status);

        var child = await RunAsync($"acme/airflow/daily_dag.extract-{task:N}");
        Assert.Equal("task", child.Str("jobType"));
        Assert.Equal($"acme/airflow/daily_dag-{dagRun:N}", child.Str("config.openlineage.parent"));
        Assert.Equal("AIRFLOW", child.Str("config.openlineage.jobFacets.jobType.integration"));
        var parentRun = await RunAsync($"acme/airflow/daily_dag-{dagRun:N}");
        Assert.Equal("RUNNING", parentRun.Str("state"));
        Assert.Equal(dagRun.ToString(), parentRun.Str("config.openlineage.runId"));

        var linked = await _admin.DataAsync(
            "query ($path: String!) { run(path: $path) { parentRun { path parentRun { path } } } }", new { path = $"acme/airflow/daily_dag.extract-{task:N}" });
        Assert.Equal($"acme/airflow/daily_dag-{dagRun:N}", linked.Str("run.parentRun.path"));
        Assert.Equal(JsonValueKind.Null, linked.At("run.parentRun.parentRun").ValueKind);

        // A parent in a namespace the caller cannot see is no parent to them: null, not an error.
        var dana = await _app.UserAsync("dana");
        await dana.DataAsync("""mutation { createRun(input: { project: "dana/p", name: "r", config: { openlineage: { parent: "acme/airflow/x" } } }) { path } }""");
        var hidden = await dana.DataAsync("""{ run(path: "dana/p/r") { parentRun { path } } }""");
        Assert.Equal(JsonValueKind.Null, hidden.At("run.parentRun").ValueKind);
    }

    [Fact]
    public async Task a_dataset_type_facet_gives_the_artifact_type_and_static_events_are_accepted()
    {
        var typed = new JsonObject
        {
            ["datasetType"] = Facet("1-0-0/DatasetTypeDatasetFacet.json#/$defs/DatasetTypeDatasetFacet", new JsonObject { ["datasetType"] = "MODEL" }),
        };
        var datasetEvent = new JsonObject
        {
            ["eventTime"] = "2026-12-04T10:15:00+01:00",
            ["dataset"] = Dataset("models", "churn", typed),
            ["producer"] = Producer,
            ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/DatasetEvent",
        };
        var jobEvent = new JsonObject
        {
            ["eventTime"] = "2026-12-04T10:15:00Z",
            ["job"] = new JsonObject { ["namespace"] = "my-namespace", ["name"] = "nightly" },
            ["inputs"] = new JsonArray(Dataset("models", "features")),
            ["producer"] = Producer,
            ["schemaURL"] = "https://openlineage.io/spec/2-0-2/OpenLineage.json#/$defs/JobEvent",
        };
        var (status, body) = await PostAsync(datasetEvent, jobEvent);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(2, body.GetProperty("versionsCreated").GetInt32());

        var churn = await _admin.DataAsync("""{ artifact(name: "acme/models/churn:v0") { type loggedBy { path jobType state } } }""");
        Assert.Equal("model", churn.Str("artifact.type"));
        Assert.Equal("acme/models/churn.source", churn.Str("artifact.loggedBy.path"));
        Assert.Equal("source", churn.Str("artifact.loggedBy.jobType"));
        Assert.Equal("FINISHED", churn.Str("artifact.loggedBy.state"));
        Assert.Equal(0, await ProjectRunCountAsync("acme/my-namespace"));
    }

    [Fact]
    public async Task without_a_namespace_parameter_events_go_to_the_callers_own_namespace()
    {
        var dana = await _app.UserAsync("dana");
        var (status, _) = await PostAsync(ExampleStart().ToJsonString(), endpoint: "/api/v1/lineage", http: dana.Http);
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("RUNNING", (await RunAsync("dana/my-namespace/my-job-d46e465bd3584d3283d4df660ff614dd")).Str("state"));

        // Another namespace dana is no member of is not hers to write, nor to learn of.
        var (refused, error) = await PostAsync(ExampleStart().ToJsonString(), http: dana.Http);
        Assert.Equal(HttpStatusCode.NotFound, refused);
        Assert.Equal("NOT_FOUND", error.Str("errors.0.extensions.code"));
        Assert.Equal(0, await ProjectRunCountAsync("acme/my-namespace"));
    }

    public static TheoryData<string, string, string> BadEvents => new()
    {
        { """{"eventType":"START","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"producer":"https://p","schemaURL":"https://s"}""", "eventTime", "required" },
        { """{"eventTime":"yesterday","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"producer":"https://p","schemaURL":"https://s"}""", "eventTime", "format" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"producer":"not a uri","schemaURL":"https://s"}""", "producer", "format" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"producer":"https://p"}""", "schemaURL", "required" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"run-1"},"job":{"namespace":"n","name":"j"},"producer":"https://p","schemaURL":"https://s"}""", "run.runId", "format" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{},"job":{"namespace":"n","name":"j"},"producer":"https://p","schemaURL":"https://s"}""", "run.runId", "required" },
        { """{"eventType":"DONE","eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"producer":"https://p","schemaURL":"https://s"}""", "eventType", "enum" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n"},"producer":"https://p","schemaURL":"https://s"}""", "job.name", "required" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":42},"producer":"https://p","schemaURL":"https://s"}""", "job.name", "type" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"inputs":{"namespace":"n","name":"d"},"producer":"https://p","schemaURL":"https://s"}""", "inputs", "type" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"outputs":[{"namespace":"n"}],"producer":"https://p","schemaURL":"https://s"}""", "outputs[0].name", "required" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"outputs":[{"namespace":"n","name":"d","facets":{"schema":{"fields":[]}}}],"producer":"https://p","schemaURL":"https://s"}""", "outputs[0].facets.schema._producer", "required" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd","facets":{"parent":{"_producer":"https://p","_schemaURL":"https://s","job":{"namespace":"n","name":"p"},"run":{"runId":"x"}}}},"job":{"namespace":"n","name":"j"},"producer":"https://p","schemaURL":"https://s"}""", "run.facets.parent.run.runId", "format" },
        { """{"eventTime":"2026-12-04T10:15:00Z","producer":"https://p","schemaURL":"https://s"}""", "job", "required" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"dataset":{"namespace":"n","name":"d"},"job":{"namespace":"n","name":"j"},"producer":"https://p","schemaURL":"https://s"}""", "dataset", "oneOf" },
        { """["not an event"]""", "(event)", "type" },
        { """{"eventTime":"2026-12-04T10:15:00Z","run":{"runId":"d46e465b-d358-4d32-83d4-df660ff614dd"},"job":{"namespace":"n","name":"j"},"outputs":[{"namespace":"n","name":"d","facets":{"version":{"_producer":"https://p","_schemaURL":"https://s","datasetVersion":42}}}],"producer":"https://p","schemaURL":"https://s"}""", "outputs[0].facets.version.datasetVersion", "type" },
        { """{"eventTime":"2026-12-04T10:15:00Z","dataset":{"namespace":"n","name":"d","facets":{"datasetType":{"_producer":"https://p","_schemaURL":"https://s"}}},"producer":"https://p","schemaURL":"https://s"}""", "dataset.facets.datasetType.datasetType", "required" },
    };

    [Theory]
    [MemberData(nameof(BadEvents))]
    public async Task a_bad_event_is_refused_naming_the_rule_and_the_field_and_the_good_ones_beside_it_are_not_stored(string bad, string field, string rule)
    {
        // The bad event is second: the first, good one must not be stored either.
        var batch = bad.StartsWith('[') ? $"[{ExampleStart().ToJsonString()},{bad[1..]}" : $"[{ExampleStart().ToJsonString()},{bad}]";
        var (status, body) = await PostAsync(batch);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body.At("errors.0");
        Assert.Equal("INVALID_ARGUMENT", error.Str("extensions.code"));
        Assert.Equal(field, error.Str("extensions.field"));
        Assert.Equal(rule, error.Str("extensions.rule"));
        Assert.Equal(1, error.At("extensions.event").GetInt32());
        Assert.Contains($"event 2: {field} breaks the OpenLineage 2-0-2 schema rule '{rule}'", error.Str("message"), StringComparison.Ordinal);
        Assert.Equal(0, await ProjectRunCountAsync("acme/my-namespace"));
    }

    [Fact]
    public async Task an_event_that_would_close_a_cycle_is_refused_whole_with_the_path()
    {
        // A job that reads a table and writes it back unchanged (same facets, so the same
        // version) would have used and logged one version: refused, with the batch before it.
        var first = Guid.NewGuid();
        var loop = Guid.NewGuid();
        var (status, body) = await PostAsync(
            Event("COMPLETE", first, "seed", outputs: [Dataset("db", "t", Schema("id"))]),
            Event("COMPLETE", loop, "rewrite", inputs: [Dataset("db", "t")], outputs: [Dataset("db", "t", Schema("id"))]));

        Assert.Equal(HttpStatusCode.Conflict, status);
        var error = body.At("errors.0");
        Assert.Equal("CYCLE_DETECTED", error.Str("extensions.code"));
        Assert.Equal(1, error.At("extensions.batchIndex").GetInt32());
        Assert.StartsWith("event 2 of 2 in the batch was refused", error.Str("message"), StringComparison.Ordinal);
        var path = error.At("extensions.path").EnumerateArray().Select(p => p.GetString()).ToList();
        Assert.Contains("acme/db/t:v0", path);
        Assert.Contains($"acme/my-namespace/rewrite-{loop:N}", path);
        Assert.Equal(0, await ProjectRunCountAsync("acme/my-namespace"));
        Assert.Equal(0, await ProjectRunCountAsync("acme/db"));
    }

    [Fact]
    public async Task newline_delimited_events_are_a_batch()
    {
        var lines = $"{ExampleStart().ToJsonString()}\n\n{ExampleComplete().ToJsonString()}\n";
        var (status, body) = await PostAsync(lines, "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(2, body.GetProperty("events").GetInt32());
        Assert.Equal("FINISHED", (await RunAsync(ExampleRunPath)).Str("state"));

        var (broken, error) = await PostAsync($"{ExampleStart().ToJsonString()}\n{{not json\n", "application/x-ndjson");
        Assert.Equal(HttpStatusCode.BadRequest, broken);
        Assert.StartsWith("line 2 is not valid JSON", error.Str("errors.0.message"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task requests_that_are_not_events_are_refused_with_what_to_send()
    {
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await PostAsync(ExampleStart().ToJsonString(), "application/x-www-form-urlencoded")).Status);
        var (notJson, error) = await PostAsync("{\"eventTime\":");
        Assert.Equal(HttpStatusCode.BadRequest, notJson);
        Assert.StartsWith("the request body is not valid JSON", error.Str("errors.0.message"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync("[]")).Status);
        var (twice, twiceError) = await PostAsync(ExampleStart().ToJsonString(), endpoint: "/api/v1/lineage?namespace=acme&namespace=acme");
        Assert.Equal(HttpStatusCode.BadRequest, twice);
        Assert.Contains("'namespace' is given 2 times", twiceError.Str("errors.0.message"), StringComparison.Ordinal);
        var (badName, nameError) = await PostAsync(ExampleStart().ToJsonString(), endpoint: "/api/v1/lineage?namespace=a%20b");
        Assert.Equal(HttpStatusCode.BadRequest, badName);
        Assert.Equal("INVALID_ARGUMENT", nameError.Str("errors.0.extensions.code"));
        var (missing, _) = await PostAsync(ExampleStart().ToJsonString(), endpoint: "/api/v1/lineage?namespace=nowhere");
        Assert.Equal(HttpStatusCode.NotFound, missing);

        using var get = await _admin.Http.GetAsync(new Uri(Endpoint, UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Equal("POST", get.Content.Headers.Allow.Single());

        var anonymous = _app.GraphQL(key: null);
        var (unauthenticated, _) = await PostAsync(ExampleStart().ToJsonString(), http: anonymous.Http);
        Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated);
        Assert.Equal(0, await ProjectRunCountAsync("acme/my-namespace"));
    }

    [Fact]
    public async Task facets_too_large_to_store_and_too_many_datasets_are_refused_naming_the_limit()
    {
        var huge = Schema([.. Enumerable.Range(0, 9000).Select(i => $"column_{i:D5}")]);
        var (tooBig, error) = await PostAsync(ExampleStart(), Event("COMPLETE", Guid.NewGuid(), "j", outputs: [Dataset("db", "wide", huge)]));
        Assert.Equal(HttpStatusCode.BadRequest, tooBig);
        Assert.Equal("LIMIT_EXCEEDED", error.Str("errors.0.extensions.code"));
        Assert.StartsWith("event 2: outputs[0].facets is larger than 262144 bytes", error.Str("errors.0.message"), StringComparison.Ordinal);

        var many = Event("START", Guid.NewGuid(), "j", inputs: [.. Enumerable.Range(0, 20_001).Select(i => Dataset("db", $"t{i}"))]);
        var (tooMany, manyError) = await PostAsync(many);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        Assert.Equal("maxLineageDatasets", manyError.Str("errors.0.extensions.limit"));
        Assert.Equal(0, await ProjectRunCountAsync("acme/my-namespace"));
    }

    [Fact]
    public async Task a_parent_facet_under_the_older_name_parent_run_links_too()
    {
        var dagRun = Guid.NewGuid();
        var older = ParentFacets(dagRun, "old_dag", key: "parentRun");
        var task = Guid.NewGuid();
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Event("START", task, "old_dag.t1", "airflow", runFacets: older))).Status);
        var linked = await _admin.DataAsync(
            "query ($path: String!) { run(path: $path) { parentRun { path state } } }", new { path = $"acme/airflow/old_dag.t1-{task:N}" });
        Assert.Equal($"acme/airflow/old_dag-{dagRun:N}", linked.Str("run.parentRun.path"));

        var broken = older.DeepClone().AsObject();
        broken["parentRun"]!["run"]!["runId"] = "not-a-uuid";
        var (refused, error) = await PostAsync(Event("START", Guid.NewGuid(), "old_dag.t2", "airflow", runFacets: broken));
        Assert.Equal(HttpStatusCode.BadRequest, refused);
        Assert.Equal("run.facets.parentRun.run.runId", error.Str("errors.0.extensions.field"));
    }

    [Fact]
    public async Task a_run_that_names_itself_as_its_parent_has_no_parent()
    {
        var self = ParentFacets(ExampleRun, "my-job");
        self["parent"]!["job"]!["namespace"] = "my-namespace";
        Assert.Equal(HttpStatusCode.Created, (await PostAsync(Event("START", ExampleRun, "my-job", runFacets: self))).Status);
        var run = await _admin.DataAsync("query ($path: String!) { run(path: $path) { parentRun { path } } }", new { path = ExampleRunPath });
        Assert.Equal(JsonValueKind.Null, run.At("run.parentRun").ValueKind);
        Assert.Equal(1, await ProjectRunCountAsync("acme/my-namespace"));
    }

    [Fact]
    public async Task a_gzipped_body_is_unzipped_within_the_limit()
    {
        // OpenLineage's HTTP transport with compression: gzip.
        using (var zipped = new ByteArrayContent(Gzip(Encoding.UTF8.GetBytes(ExampleStart().ToJsonString()))))
        {
            zipped.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            zipped.Headers.ContentEncoding.Add("gzip");
            using var response = await _admin.Http.PostAsync(new Uri(Endpoint, UriKind.Relative), zipped, TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            Assert.Equal("RUNNING", (await RunAsync(ExampleRunPath)).Str("state"));
        }

        await using var small = new LineageApp { Limits = l => l.MaxLineageEventBytes = 64 * 1024 };
        var http = small.CreateClient();
        async Task<(HttpStatusCode Status, string Body)> SendAsync(byte[] body, string encoding)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            content.Headers.ContentEncoding.Add(encoding);
            using var response = await http.PostAsync(new Uri(Endpoint, UriKind.Relative), content, TestContext.Current.CancellationToken);
            return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        }

        // 10 MB of spaces zip to about 10 KB: refused once 64 KiB have come out.
        var bomb = Gzip(Encoding.UTF8.GetBytes(ExampleStart().ToJsonString() + new string(' ', 10_000_000)));
        Assert.True(bomb.Length < 64 * 1024);
        var (tooLarge, tooLargeBody) = await SendAsync(bomb, "gzip");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge);
        Assert.Contains("maxLineageEventBytes", tooLargeBody, StringComparison.Ordinal);

        var (notGzip, notGzipBody) = await SendAsync(Encoding.UTF8.GetBytes(ExampleStart().ToJsonString()), "gzip");
        Assert.Equal(HttpStatusCode.BadRequest, notGzip);
        Assert.Contains("not valid gzip", notGzipBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await SendAsync(bomb, "br")).Status);
    }

    private static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var zip = new System.IO.Compression.GZipStream(output, System.IO.Compression.CompressionLevel.Optimal))
        {
            zip.Write(bytes);
        }

        return output.ToArray();
    }

    [Fact]
    public async Task a_body_over_the_limit_is_refused_before_it_is_read()
    {
        await using var small = new LineageApp { Limits = l => l.MaxLineageEventBytes = 1024 };
        var events = new JsonArray([.. Enumerable.Range(0, 10).Select(_ => (JsonNode)Event("START", Guid.NewGuid(), "j"))]);
        using var content = new StringContent(events.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await small.CreateClient().PostAsync(new Uri(Endpoint, UriKind.Relative), content, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("maxLineageEventBytes", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_batch_of_ten_thousand_events_is_recorded_in_one_request()
    {
        // 5,000 runs of a chain, each START then COMPLETE: run i reads step i and writes step i+1.
        var text = new StringBuilder();
        for (var i = 0; i < 5000; i++)
        {
            var id = new Guid(i, 0, 0, [0x80, 0, 0, 0, 0, 0, 0, 1]);
            text.Append(Event("START", id, "step", inputs: [Dataset("chain", $"step-{i}", Version("1"))]).ToJsonString()).Append('\n');
            text.Append(Event("COMPLETE", id, "step", outputs: [Dataset("chain", $"step-{i + 1}", Version("1"))]).ToJsonString()).Append('\n');
        }

        var (status, body) = await PostAsync(text.ToString(), "application/x-ndjson");
        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal(10_000, body.GetProperty("events").GetInt32());

        // step-0 was never written by a run here: its source run logged it.
        Assert.Equal(5001, body.GetProperty("runsCreated").GetInt32());
        Assert.Equal(5001, body.GetProperty("versionsCreated").GetInt32());
        Assert.Equal(5000, await ProjectRunCountAsync("acme/my-namespace"));
        var end = await _admin.DataAsync(
            """{ lineage(start: "acme/chain/step-5000:v0", direction: UPSTREAM, depth: 20) { nodes { path } } run: artifact(name: "acme/chain/step-5000:v0") { loggedBy { state } } }""");
        Assert.Equal(21, end.At("lineage.nodes").GetArrayLength());
        Assert.Equal("FINISHED", end.Str("run.loggedBy.state"));
    }

    [Fact]
    public async Task eight_emitters_at_once_each_record_their_runs_whole()
    {
        // Eight emitters, each with 20 runs that read a shared table and write their own, send
        // START and COMPLETE one request at a time, all at once; emitter 0 also repeats each event.
        const int Emitters = 8;
        const int Runs = 20;
        var failures = new List<string>();
        await Parallel.ForEachAsync(Enumerable.Range(0, Emitters), new ParallelOptions { MaxDegreeOfParallelism = Emitters }, async (emitter, _) =>
        {
            var client = _app.CreateClient();
            for (var r = 0; r < Runs; r++)
            {
                var id = new Guid(emitter, (short)r, 0, [0x80, 0, 0, 0, 0, 0, 0, 2]);
                var events = new[]
                {
                    Event("START", id, $"emitter-{emitter}", inputs: [Dataset("shared", "lookup", Version("7"))]),
                    Event("COMPLETE", id, $"emitter-{emitter}", outputs: [Dataset("out", $"table-{emitter}", Version($"{r}"))]),
                };
                foreach (var e in emitter == 0 ? events.Concat(events) : events)
                {
                    var (status, body) = await PostAsync(e.ToJsonString(), http: client);
                    if (status != HttpStatusCode.Created)
                    {
                        lock (failures)
                        {
                            failures.Add($"{status} {body}");
                        }
                    }
                }
            }
        });

        Assert.Empty(failures);
        Assert.Equal(Emitters * Runs, await ProjectRunCountAsync("acme/my-namespace"));
        var data = await _admin.DataAsync(
            """
            {
              lookup: artifact(name: "acme/shared/lookup:latest") { version usedBy(first: 1) { totalCount } }
              table: artifact(name: "acme/out/table-0:latest") { version loggers { nodes { state } } }
              running: project(path: "acme/my-namespace") { runs(filter: { states: [RUNNING] }) { totalCount } }
            }
            """);
        Assert.Equal("v0", data.Str("lookup.version"));
        Assert.Equal(Emitters * Runs, data.At("lookup.usedBy.totalCount").GetInt32());
        Assert.Equal($"v{Runs - 1}", data.Str("table.version"));
        Assert.Equal("FINISHED", data.Str("table.loggers.nodes.0.state"));
        Assert.Equal(0, data.At("running.runs.totalCount").GetInt32());
    }
}
