using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using Lineage.Errors;

namespace Lineage.OpenLineage;

/// <summary>
/// Checks an event against the rules of the OpenLineage 2-0-2 JSON schema
/// (<c>https://openlineage.io/spec/2-0-2/OpenLineage.json</c>) that Lineage relies on, and reads
/// it. A RunEvent has <c>run</c> and <c>job</c>; a DatasetEvent has <c>dataset</c>; a JobEvent
/// has <c>job</c> and no <c>run</c>. Every event has <c>eventTime</c>, <c>producer</c> and
/// <c>schemaURL</c>; every facet is an object with <c>_producer</c> and <c>_schemaURL</c>.
/// Properties the schema does not name are allowed, as the schema allows them; facets are kept as sent.
/// </summary>
public static class OpenLineageReader
{
    private static readonly Dictionary<string, OpenLineageEventType> EventTypes = new(StringComparer.Ordinal)
    {
        ["START"] = OpenLineageEventType.Start,
        ["RUNNING"] = OpenLineageEventType.Running,
        ["COMPLETE"] = OpenLineageEventType.Complete,
        ["ABORT"] = OpenLineageEventType.Abort,
        ["FAIL"] = OpenLineageEventType.Fail,
        ["OTHER"] = OpenLineageEventType.Other,
    };

    /// <summary>
    /// Reads the event at <paramref name="index"/> of a request, or raises the first rule it
    /// breaks. A facets object larger than <paramref name="maxFacetBytes"/> is refused here, before
    /// it is copied: it could not be stored.
    /// </summary>
    public static OpenLineageEvent Read(JsonElement element, int index, int maxFacetBytes)
    {
        var e = new Checker(index, maxFacetBytes);
        e.RequireObject(element, "(event)");
        var eventTime = e.RequireDateTime(element, "eventTime");
        var producer = e.RequireUri(element, "producer", "producer");
        e.RequireUri(element, "schemaURL", "schemaURL");

        var hasRun = element.TryGetProperty("run", out var run);
        var hasJob = element.TryGetProperty("job", out var job);
        var hasDataset = element.TryGetProperty("dataset", out var dataset);
        if (hasDataset && (hasRun || hasJob))
        {
            throw e.Broken("dataset", "oneOf", "a DatasetEvent has no 'run' or 'job'; a RunEvent or a JobEvent has no 'dataset'");
        }

        if (hasDataset)
        {
            return new OpenLineageEvent(
                OpenLineageEventKind.Dataset, null, eventTime, producer, null, null, null, [], [], e.Dataset(dataset, "dataset", null));
        }

        if (!hasJob)
        {
            throw e.Broken(
                "job", "required",
                "an event needs 'run' and 'job' (RunEvent), 'dataset' (DatasetEvent) or 'job' (JobEvent)");
        }

        var theJob = e.Job(job);
        var inputs = e.Datasets(element, "inputs", "inputFacets");
        var outputs = e.Datasets(element, "outputs", "outputFacets");
        if (!hasRun)
        {
            if (element.TryGetProperty("eventType", out _))
            {
                throw e.Broken("run", "required", "an event with an 'eventType' is a RunEvent, and a RunEvent needs 'run'");
            }

            return new OpenLineageEvent(OpenLineageEventKind.Job, null, eventTime, producer, null, null, theJob, inputs, outputs, null);
        }

        e.RequireObject(run, "run");
        var runId = e.RequireUuid(run, "run.runId");
        var runFacets = e.Facets(run, "run.facets");
        OpenLineageEventType? eventType = null;
        if (element.TryGetProperty("eventType", out var type))
        {
            eventType = type.ValueKind == JsonValueKind.String && EventTypes.TryGetValue(type.GetString()!, out var known)
                ? known
                : throw e.Broken("eventType", "enum", $"{Show(type)} is not one of {string.Join(", ", EventTypes.Keys)}");
        }

        return new OpenLineageEvent(OpenLineageEventKind.Run, eventType, eventTime, producer, runId, runFacets, theJob, inputs, outputs, null);
    }

    private static string Show(JsonElement value)
    {
        var text = value.GetRawText();
        return text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }

    /// <summary>The rules, with the event's place to name in every refusal.</summary>
    private sealed class Checker(int index, int maxFacetBytes)
    {
        public OpenLineageSchemaException Broken(string field, string rule, string problem) => new(index, field, rule, problem);

        public void RequireObject(JsonElement value, string field)
        {
            if (value.ValueKind != JsonValueKind.Object)
            {
                throw Broken(field, "type", $"must be an object, not {Kind(value)}");
            }
        }

        public string RequireString(JsonElement parent, string property, string field)
        {
            if (!parent.TryGetProperty(property, out var value))
            {
                throw Broken(field, "required", "is missing");
            }

            return value.ValueKind == JsonValueKind.String
                ? value.GetString()!
                : throw Broken(field, "type", $"must be a string, not {Kind(value)}");
        }

        public DateTimeOffset RequireDateTime(JsonElement parent, string field)
        {
            var text = RequireString(parent, field, field);

            // RFC 3339 date-time; a time without an offset is read as UTC, as emitters that send
            // Python's naive isoformat() mean it.
            var styles = DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal;
            return text.Length >= 19 && text[4] == '-' && text[7] == '-' && text[10] is 'T' or 't' or ' '
                && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, styles, out var at)
                ? at
                : throw Broken(field, "format", $"'{Clip(text)}' is not a date-time such as 2026-12-04T10:15:00Z");
        }

        public string RequireUri(JsonElement parent, string property, string field)
        {
            var text = RequireString(parent, property, field);
            return Uri.TryCreate(text, UriKind.Absolute, out _)
                ? text
                : throw Broken(field, "format", $"'{Clip(text)}' is not an absolute URI");
        }

        public Guid RequireUuid(JsonElement parent, string field)
        {
            var text = RequireString(parent, "runId", field);
            return Guid.TryParseExact(text, "D", out var id)
                ? id
                : throw Broken(field, "format", $"'{Clip(text)}' is not a UUID such as 01930b3c-8c1e-7f2a-9d4e-5b6c7d8e9f00");
        }

        public OpenLineageJob Job(JsonElement job)
        {
            RequireObject(job, "job");
            return new OpenLineageJob(
                RequireString(job, "namespace", "job.namespace"),
                RequireString(job, "name", "job.name"),
                Facets(job, "job.facets"));
        }

        public IReadOnlyList<OpenLineageDataset> Datasets(JsonElement parent, string property, string extraFacets)
        {
            if (!parent.TryGetProperty(property, out var list) || list.ValueKind == JsonValueKind.Null)
            {
                return [];
            }

            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Broken(property, "type", $"must be an array, not {Kind(list)}");
            }

            var datasets = new List<OpenLineageDataset>(list.GetArrayLength());
            foreach (var item in list.EnumerateArray())
            {
                datasets.Add(Dataset(item, $"{property}[{datasets.Count}]", extraFacets));
            }

            return datasets;
        }

        public OpenLineageDataset Dataset(JsonElement dataset, string field, string? extraFacets)
        {
            RequireObject(dataset, field);
            var result = new OpenLineageDataset(
                RequireString(dataset, "namespace", $"{field}.namespace"),
                RequireString(dataset, "name", $"{field}.name"),
                Facets(dataset, $"{field}.facets"));

            // The two dataset facets Lineage reads are held to their own schemas
            // (DatasetVersionDatasetFacet, DatasetTypeDatasetFacet), so that a malformed one is
            // refused rather than silently read as absent.
            if (result.Facets is { } facets)
            {
                RequireFacetString(facets, "version", "datasetVersion", $"{field}.facets");
                RequireFacetString(facets, "datasetType", "datasetType", $"{field}.facets");
            }

            if (extraFacets is not null)
            {
                // Checked for their shape; they describe one run's reading or writing, not the dataset.
                Facets(dataset, $"{field}.{extraFacets}", extraFacets);
            }

            return result;
        }

        /// <summary>A facet that is present (and not deleted) has <paramref name="property"/>, a string.</summary>
        private void RequireFacetString(JsonElement facets, string facet, string property, string field)
        {
            if (facets.TryGetProperty(facet, out var found)
                && !(found.TryGetProperty("_deleted", out var deleted) && deleted.ValueKind == JsonValueKind.True))
            {
                RequireString(found, property, $"{field}.{facet}.{property}");
            }
        }

        /// <summary>An object of facets, each an object with <c>_producer</c> and <c>_schemaURL</c>; null when absent.</summary>
        public JsonElement? Facets(JsonElement parent, string field, string property = "facets")
        {
            if (!parent.TryGetProperty(property, out var facets) || facets.ValueKind == JsonValueKind.Null)
            {
                return null;
            }

            RequireObject(facets, field);
            if (JsonMarshal.GetRawUtf8Value(facets).Length > maxFacetBytes)
            {
                throw new LimitExceededException(
                    "maxJsonBytes", $"event {index + 1}: {field} is larger than {maxFacetBytes} bytes (limit maxJsonBytes), the most a run's config or a version's metadata may hold");
            }

            foreach (var facet in facets.EnumerateObject())
            {
                var at = $"{field}.{facet.Name}";
                RequireObject(facet.Value, at);
                RequireUri(facet.Value, "_producer", $"{at}._producer");
                RequireUri(facet.Value, "_schemaURL", $"{at}._schemaURL");
                if (facet.Value.TryGetProperty("_deleted", out var deleted) && deleted.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    throw Broken($"{at}._deleted", "type", $"must be a boolean, not {Kind(deleted)}");
                }
            }

            // A compact copy: the request's document is released before the facets are stored.
            return facets.Clone();
        }

        private static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };

        private static string Clip(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
    }
}
