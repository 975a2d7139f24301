using System.Text.Json;

namespace Lineage.OpenLineage;

/// <summary>Which of the three events of the OpenLineage spec (2-0-2) an event is.</summary>
public enum OpenLineageEventKind
{
    /// <summary>A run of a job changed state: it has a run, a job, and datasets in and out.</summary>
    Run,

    /// <summary>A dataset described on its own, outside any run.</summary>
    Dataset,

    /// <summary>A job described on its own, with the datasets it reads and writes, outside any run.</summary>
    Job,
}

/// <summary>The transition a run event reports.</summary>
public enum OpenLineageEventType
{
    Start,
    Running,
    Complete,
    Abort,
    Fail,
    Other,
}

/// <summary>A dataset as an event names it, with its facets as sent.</summary>
public sealed record OpenLineageDataset(string Namespace, string Name, JsonElement? Facets);

/// <summary>A job as an event names it.</summary>
public sealed record OpenLineageJob(string Namespace, string Name, JsonElement? Facets);

/// <summary>
/// One event that has passed the schema's rules (<see cref="OpenLineageReader"/>): the fields
/// Lineage maps, and the facets as sent (each a compact copy of the sent JSON object). <see cref="RunId"/>, <see cref="Job"/> and
/// <see cref="Dataset"/> are set as <see cref="Kind"/> requires.
/// </summary>
public sealed record OpenLineageEvent(
    OpenLineageEventKind Kind,
    OpenLineageEventType? EventType,
    DateTimeOffset EventTime,
    string Producer,
    Guid? RunId,
    JsonElement? RunFacets,
    OpenLineageJob? Job,
    IReadOnlyList<OpenLineageDataset> Inputs,
    IReadOnlyList<OpenLineageDataset> Outputs,
    OpenLineageDataset? Dataset);
