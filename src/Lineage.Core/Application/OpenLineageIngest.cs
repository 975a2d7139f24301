using System.Globalization;
using System.Text.Json.Nodes;
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
            var parent = ParentOf(e, index);
            string? parentPath = null;
            if (parent is { } p)
            {
                var parentRun = await EnsureRunAsync(p.Job, p.RunId, () => RunConfig(p.RunId, p.Job, null, null), jobType: null).ConfigureAwait(false);
                parentPath = parentRun.Path;
            }

            var run = await EnsureRunAsync(e.Job!, e.RunId!.Value, () => RunConfig(e.RunId!.Value, e.Job!, e, parentPath), JobTypeOf(e.Job!)).ConfigureAwait(false);
            foreach (var input in e.Inputs)
            {
                var versionId = await InputVersionAsync(input).ConfigureAwait(false);
                await LineageWrites.AddEdgeAsync(s, EdgeKind.Used, run.Id, versionId, actor, Added, cancellationToken).ConfigureAwait(false);
            }

            foreach (var output in e.Outputs)
            {
                var artifact = await DatasetArtifactAsync(output).ConfigureAwait(false);
                await LineageWrites.RecordLoggedAsync(s, run, artifact, LogCommand(run, artifact, output), actor, Added, cancellationToken).ConfigureAwait(false);
            }

            if (EndState(e.EventType) is { } state && run.State == RunState.Running)
            {
                await s.UpdateRunStateAsync(run, state, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>The run a job name and run id name, made (RUNNING) when it is new.</summary>
        private async Task<RunRecord> EnsureRunAsync(OpenLineageJob job, Guid runId, Func<JsonObject> config, string? jobType)
        {
            var project = await ProjectAsync(job.Namespace).ConfigureAwait(false);
            var path = new RunPath(ns, project.Name, OpenLineageNames.RunName(job.Name, runId));
            return await FindOrCreateRunAsync(project, path, config, jobType).ConfigureAwait(false);
        }

        private async Task<RunRecord> FindOrCreateRunAsync(ProjectRecord project, RunPath path, Func<JsonObject> config, string? jobType)
        {
            if (await s.FindRunAsync(path, cancellationToken).ConfigureAwait(false) is { } existing)
            {
                return existing;
            }

            var command = new CreateRunCommand(path, jobType, JsonObjectText.From(config(), $"config of run '{path}' (the event's run and job facets)", maxJsonBytes));
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
                () => new JsonObject { ["openlineage"] = new JsonObject { ["source"] = new JsonObject { ["namespace"] = dataset.Namespace, ["name"] = dataset.Name } } },
                "source").ConfigureAwait(false);
            if (source.State == RunState.Running)
            {
                await s.UpdateRunStateAsync(source, RunState.Finished, cancellationToken).ConfigureAwait(false);
            }

            return await LineageWrites.RecordLoggedAsync(s, source, artifact, LogCommand(source, artifact, dataset), actor, Added, cancellationToken).ConfigureAwait(false);
        }

        private LogArtifactCommand LogCommand(RunRecord run, ArtifactRecord artifact, OpenLineageDataset dataset)
        {
            var metadata = new JsonObject
            {
                ["openlineage"] = new JsonObject
                {
                    ["namespace"] = dataset.Namespace,
                    ["name"] = dataset.Name,
                },
            };
            if (dataset.Facets is not null)
            {
                metadata["openlineage"]!["facets"] = dataset.Facets.DeepClone();
            }

            return new LogArtifactCommand(
                new RunPath(run.Namespace, run.Project, run.Name),
                artifact.Name,
                artifact.Type,
                OpenLineageNames.Digest(dataset.Facets),
                JsonObjectText.From(metadata, $"metadata of '{artifact.Path}' (the dataset's facets)", maxJsonBytes),
                []);
        }

        private static JsonObject RunConfig(Guid runId, OpenLineageJob job, OpenLineageEvent? e, string? parentPath)
        {
            var config = new JsonObject
            {
                ["runId"] = runId.ToString("D"),
                ["job"] = new JsonObject { ["namespace"] = job.Namespace, ["name"] = job.Name },
            };
            if (e is not null)
            {
                config["eventTime"] = e.EventTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
                config["producer"] = e.Producer;
                if (e.EventType is { } type)
                {
                    config["eventType"] = type.ToString().ToUpperInvariant();
                }

                if (e.RunFacets is not null)
                {
                    config["facets"] = e.RunFacets.DeepClone();
                }

                if (job.Facets is not null)
                {
                    config["jobFacets"] = job.Facets.DeepClone();
                }
            }

            if (parentPath is not null)
            {
                config["parent"] = parentPath;
            }

            return new JsonObject { ["openlineage"] = config };
        }

        private static string? JobTypeOf(OpenLineageJob job)
        {
            var declared = job.Facets?["jobType"] is JsonObject facet && facet["jobType"] is JsonValue value && value.TryGetValue<string>(out var text)
                ? text.ToLowerInvariant()
                : null;
            return declared is not null && NameRules.IsValidName(declared) ? declared : null;
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
            if (e.RunFacets?["parent"] is not JsonObject parent)
            {
                return null;
            }

            const string At = "run.facets.parent";
            var runId = parent["run"] is JsonObject run && run["runId"] is JsonValue id && id.TryGetValue<string>(out var text)
                ? (Guid.TryParseExact(text, "D", out var guid) ? guid : throw new OpenLineageSchemaException(index, $"{At}.run.runId", "format", $"'{text}' is not a UUID"))
                : throw new OpenLineageSchemaException(index, $"{At}.run.runId", "required", "is missing or not a string");
            var job = parent["job"] as JsonObject
                ?? throw new OpenLineageSchemaException(index, $"{At}.job", "required", "is missing or not an object");
            string Text(string property) => job[property] is JsonValue v && v.TryGetValue<string>(out var t)
                ? t
                : throw new OpenLineageSchemaException(index, $"{At}.job.{property}", "required", "is missing or not a string");
            return (runId, new OpenLineageJob(Text("namespace"), Text("name"), null));
        }
    }
}
