using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using Lineage.Errors;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.OpenLineage;
using Lineage.Store;

namespace Lineage.Application;

/// <summary>
/// Records OpenLineage events as lineage, with the rules of every other write (roles, names,
/// cycle refusal, audit). A request's events apply in one transaction, in order: a refused event
/// refuses them all, and nothing of them is stored.
/// </summary>
/// <remarks>
/// The mapping, all inside one Lineage namespace:
/// <list type="bullet">
/// <item>a job namespace names a project, and a job name with a run id names a run, so one run id is one run;</item>
/// <item>a dataset namespace names a project, and a dataset name an artifact (type <c>dataset</c>, or the <c>datasetType</c> facet's);</item>
/// <item>an output is a version the run LOGGED: the version its <c>version</c> facet names, or else the version of its facets' digest;</item>
/// <item>an input is a version the run USED: the version its <c>version</c> facet names, or else the artifact's latest;
/// a version no known run wrote is logged by the artifact's own source run (<c>&lt;artifact&gt;.source</c>);</item>
/// <item><c>COMPLETE</c>, <c>FAIL</c> and <c>ABORT</c> end the run as FINISHED, FAILED and CRASHED; a run ends once, and
/// events that reach it later (out of order) still add its datasets.</item>
/// </list>
/// </remarks>
public sealed class OpenLineageIngest(IStoreSessionSource store)
{
    /// <summary>The most events one request may carry.</summary>
    public const int MaxEvents = 10_000;

    /// <summary>The most datasets (inputs, outputs and static datasets) the events of one request may name together.</summary>
    public const int MaxDatasets = 20_000;

    /// <summary>
    /// Applies events read by <see cref="OpenLineageReader"/> in order, in one transaction, into
    /// <paramref name="lineageNamespace"/> (which the actor must be allowed to write in). A run's
    /// config and a version's metadata made from facets may hold at most <paramref name="maxJsonBytes"/>.
    /// </summary>
    public Task<IngestResult> IngestAsync(
        IReadOnlyList<OpenLineageEvent> events, string lineageNamespace, int maxJsonBytes, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(actor);
        if (events.Count > MaxEvents)
        {
            throw new LimitExceededException("maxLineageEvents", $"a request carries at most {MaxEvents} events, not {events.Count}");
        }

        var datasets = events.Sum(e => e.Inputs.Count + e.Outputs.Count + (e.Dataset is null ? 0 : 1));
        if (datasets > MaxDatasets)
        {
            throw new LimitExceededException("maxLineageDatasets", $"the events of a request name at most {MaxDatasets} datasets together, not {datasets}: send them in several requests");
        }

        var ns = NameRules.RequireName(lineageNamespace, "namespace");
        return store.WriteAsync(
            async s =>
            {
                var batch = new Batch(s, ns, maxJsonBytes, actor, cancellationToken);
                for (var i = 0; i < events.Count; i++)
                {
                    try
                    {
                        await batch.ApplyAsync(events[i], i).ConfigureAwait(false);
                    }
                    catch (OpenLineageSchemaException)
                    {
                        throw;
                    }
                    catch (LineageException e)
                    {
                        throw new BatchWriteException(i, events.Count, e, "event");
                    }
                }

                return new IngestResult(batch.RunsCreated, batch.Added.Versions, batch.Added.Edges);
            },
            cancellationToken);
    }

    /// <summary>The transaction's state: its projects, and what it has added.</summary>
    private sealed class Batch(IStoreSession s, string ns, int maxJsonBytes, Actor actor, CancellationToken cancellationToken)
    {
        private readonly Dictionary<string, ProjectRecord> _projects = new(StringComparer.Ordinal);

        public LineageWrites.Tally Added { get; } = new();

        public int RunsCreated { get; private set; }

        public async Task ApplyAsync(OpenLineageEvent e, int index)
        {
            switch (e.Kind)
            {
                case OpenLineageEventKind.Run:
                    await ApplyRunEventAsync(e, index).ConfigureAwait(false);
                    break;
                case OpenLineageEventKind.Dataset:
                    await DescribeDatasetAsync(e.Dataset!).ConfigureAwait(false);
                    break;
                default:
                    // A job on its own has no run, so no edges: its project and datasets are recorded.
                    await ProjectAsync(e.Job!.Namespace).ConfigureAwait(false);
                    foreach (var dataset in e.Inputs.Concat(e.Outputs))
                    {
                        await DescribeDatasetAsync(dataset).ConfigureAwait(false);
                    }

                    break;
            }
        }

        private async Task ApplyRunEventAsync(OpenLineageEvent e, int index)
        {
            var job = e.Job!;
            var runId = e.RunId!.Value;
            string? parentPath = null;
            if (ParentOf(e, index) is { } parent && parent.RunId != runId)
            {
                var parentRun = await EnsureRunAsync(parent.Job, parent.RunId, () => RunConfig(parent.RunId, parent.Job, null, null), jobType: null).ConfigureAwait(false);
                parentPath = parentRun.Path;
            }

            var run = await EnsureRunAsync(job, runId, () => RunConfig(runId, job, e, parentPath), OpenLineageNames.JobType(job.Facets)).ConfigureAwait(false);
            foreach (var input in e.Inputs)
            {
                var versionId = await InputVersionAsync(input).ConfigureAwait(false);
                await LineageWrites.AddEdgeAsync(s, EdgeKind.Used, run.Id, versionId, actor, Added, cancellationToken).ConfigureAwait(false);
            }

            foreach (var output in e.Outputs)
            {
                var artifact = await DatasetArtifactAsync(output).ConfigureAwait(false);
                await LineageWrites.RecordLoggedAsync(s, run, artifact, LogCommand(run, artifact, output, OpenLineageNames.Digest(output.Facets)), actor, Added, cancellationToken).ConfigureAwait(false);
            }

            if (EndState(e.EventType) is { } state && run.State == RunState.Running)
            {
                await s.UpdateRunStateAsync(run, state, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The run a job name and run id name, made (RUNNING) when it is new.</summary>
        private async Task<RunRecord> EnsureRunAsync(OpenLineageJob job, Guid runId, Func<string> config, string? jobType)
        {
            var project = await ProjectAsync(job.Namespace).ConfigureAwait(false);
            var path = new RunPath(ns, project.Name, OpenLineageNames.RunName(job.Name, runId));
            return await FindOrCreateRunAsync(project, path, config, jobType).ConfigureAwait(false);
        }

        private async Task<RunRecord> FindOrCreateRunAsync(ProjectRecord project, RunPath path, Func<string> config, string? jobType)
        {
            if (await s.FindRunAsync(path, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            var command = new CreateRunCommand(path, jobType, JsonObjectText.FromText(config(), $"config of run '{path}' (the event's run and job facets)", maxJsonBytes));
            var id = await s.InsertRunAsync(project, command, actor, cancellationToken).ConfigureAwait(false);
            RunsCreated++;
            return await s.LoadRunAsync(id, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The project an OpenLineage namespace names, made on first use as createRun makes one.</summary>
        private async Task<ProjectRecord> ProjectAsync(string openLineageNamespace)
        {
            var name = OpenLineageNames.Name(openLineageNamespace);
            if (!_projects.TryGetValue(name, out var project))
            {
                project = await LineageWrites.EnsureProjectAsync(s, new ProjectPath(ns, name), actor, cancellationToken).ConfigureAwait(false);
                _projects[name] = project;
            }

            return project;
        }

        private async Task<ArtifactRecord> DatasetArtifactAsync(OpenLineageDataset dataset)
        {
            var project = await ProjectAsync(dataset.Namespace).ConfigureAwait(false);
            var name = OpenLineageNames.Name(dataset.Name);

            // An artifact keeps the type it was made with: emitters disagree on types, and a
            // differing type is no reason to lose an event.
            return await s.FindArtifactAsync(project.Key, name, cancellationToken).ConfigureAwait(false)
                ?? await s.InsertArtifactAsync(project.Key, name, OpenLineageNames.ArtifactType(dataset.Facets), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The version an input names: its declared version, or else the artifact's latest, or else one its source run logs.</summary>
        private async Task<long> InputVersionAsync(OpenLineageDataset input)
        {
            var artifact = await DatasetArtifactAsync(input).ConfigureAwait(false);
            if (OpenLineageNames.DeclaredVersion(input.Facets) is null
                && await s.FindVersionAsync(new VersionRef(artifact.Namespace, artifact.Project, artifact.Name, VersionSelector.Latest), cancellationToken).ConfigureAwait(false) is { } latest)
            {
                return latest.Id;
            }

            return await SourceVersionAsync(artifact, input).ConfigureAwait(false);
        }

        /// <summary>A dataset described outside any run: its version, logged by its source run unless some run logged it.</summary>
        private async Task DescribeDatasetAsync(OpenLineageDataset dataset) =>
            await SourceVersionAsync(await DatasetArtifactAsync(dataset).ConfigureAwait(false), dataset).ConfigureAwait(false);

        private async Task<long> SourceVersionAsync(ArtifactRecord artifact, OpenLineageDataset dataset)
        {
            var digest = OpenLineageNames.Digest(dataset.Facets);
            if (await s.FindVersionByDigestAsync(artifact.Id, digest, cancellationToken).ConfigureAwait(false) is { } known)
            {
                return known.Id;
            }

            var project = await ProjectAsync(dataset.Namespace).ConfigureAwait(false);
            var path = new RunPath(ns, project.Name, OpenLineageNames.SourceRunName(artifact.Name));
            var source = await FindOrCreateRunAsync(
                project,
                path,
                () => Json(w =>
                {
                    w.WriteStartObject("source");
                    w.WriteString("namespace", dataset.Namespace);
                    w.WriteString("name", dataset.Name);
                    w.WriteEndObject();
                }),
                "source").ConfigureAwait(false);
            if (source.State == RunState.Running)
            {
                await s.UpdateRunStateAsync(source, RunState.Finished, cancellationToken).ConfigureAwait(false);
            }

            return await LineageWrites.RecordLoggedAsync(s, source, artifact, LogCommand(source, artifact, dataset, digest), actor, Added, cancellationToken).ConfigureAwait(false);
        }

        private LogArtifactCommand LogCommand(RunRecord run, ArtifactRecord artifact, OpenLineageDataset dataset, string digest)
        {
            var metadata = Json(w =>
            {
                w.WriteString("namespace", dataset.Namespace);
                w.WriteString("name", dataset.Name);
                if (dataset.Facets is { } facets)
                {
                    w.WritePropertyName("facets");
                    facets.WriteTo(w);
                }
            }, FacetBytes(dataset.Facets) + 256);
            return new LogArtifactCommand(
                new RunPath(run.Namespace, run.Project, run.Name),
                artifact.Name,
                artifact.Type,
                digest,
                JsonObjectText.FromText(metadata, $"metadata of '{artifact.Path}' (the dataset's facets)", maxJsonBytes),
                []);
        }

        /// <summary>A run's config: the run's OpenLineage identity, its job, and the first event's time, producer and facets.</summary>
        private static string RunConfig(Guid runId, OpenLineageJob job, OpenLineageEvent? e, string? parentPath) => Json(w =>
        {
            w.WriteString("runId", runId.ToString("D"));
            w.WriteStartObject("job");
            w.WriteString("namespace", job.Namespace);
            w.WriteString("name", job.Name);
            w.WriteEndObject();
            if (e is not null)
            {
                w.WriteString("eventTime", e.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
                w.WriteString("producer", e.Producer);
                if (e.EventType is { } type)
                {
                    w.WriteString("eventType", type.ToString().ToUpperInvariant());
                }

                if (e.RunFacets is { } runFacets)
                {
                    w.WritePropertyName("facets");
                    runFacets.WriteTo(w);
                }

                if (job.Facets is { } jobFacets)
                {
                    w.WritePropertyName("jobFacets");
                    jobFacets.WriteTo(w);
                }
            }

            if (parentPath is not null)
            {
                w.WriteString("parent", parentPath);
            }
        }, FacetBytes(e?.RunFacets) + FacetBytes(job.Facets) + 512);

        private static int FacetBytes(JsonElement? facets) => facets is { } f ? JsonMarshal.GetRawUtf8Value(f).Length : 0;

        /// <summary>A JSON object holding one object, <c>openlineage</c>, whose members <paramref name="members"/> writes.</summary>
        private static string Json(Action<Utf8JsonWriter> members, int expectedBytes = 256)
        {
            // Sized up front for the facets it holds, so that a large one is not copied as the buffer grows.
            var buffer = new ArrayBufferWriter<byte>(expectedBytes);
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartObject("openlineage");
                members(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return Encoding.UTF8.GetString(buffer.WrittenSpan);
        }

        private static RunState? EndState(OpenLineageEventType? type) => type switch
        {
            OpenLineageEventType.Complete => RunState.Finished,
            OpenLineageEventType.Fail => RunState.Failed,
            OpenLineageEventType.Abort => RunState.Crashed,
            _ => null,
        };

        /// <summary>The run a <c>parent</c> run facet names, checked against the facet's schema (ParentRunFacet).</summary>
        private static (Guid RunId, OpenLineageJob Job)? ParentOf(OpenLineageEvent e, int index)
        {
            // "parentRun" is the name older Airflow integrations gave the same facet.
            if (e.RunFacets is not { } facets
                || !((facets.TryGetProperty("parent", out var parent) || facets.TryGetProperty("parentRun", out parent)) && parent.ValueKind == JsonValueKind.Object))
            {
                return null;
            }

            var at = facets.TryGetProperty("parent", out _) ? "run.facets.parent" : "run.facets.parentRun";
            string Text(JsonElement owner, string name, string field) =>
                owner.ValueKind == JsonValueKind.Object && owner.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                    ? value.GetString()!
                    : throw new OpenLineageSchemaException(index, field, "required", "is missing or not a string");
            var text = Text(parent.TryGetProperty("run", out var run) ? run : default, "runId", $"{at}.run.runId");
            var runId = Guid.TryParseExact(text, "D", out var guid)
                ? guid
                : throw new OpenLineageSchemaException(index, $"{at}.run.runId", "format", $"'{text}' is not a UUID");
            var job = parent.TryGetProperty("job", out var j) ? j : default;
            return (runId, new OpenLineageJob(Text(job, "namespace", $"{at}.job.namespace"), Text(job, "name", $"{at}.job.name"), null));
        }
    }
}
