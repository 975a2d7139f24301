namespace Lineage.Bench;

/// <summary>
/// What dashboards ask most, over HTTP on the benchmark's graph, beside <c>lineage(depth: 3)</c>
/// and a trivial query that measures GraphQL's own cost: a project's runs filtered and sorted,
/// an artifact page, a run page, a collection page, impact from the hub, search, and the nested
/// <c>usedBy</c> walk.
/// </summary>
public static class DashboardSuite
{
    /// <summary>The query the others are measured against.</summary>
    public const string Baseline = "lineage3";

    public static IReadOnlyList<(string Key, string Query)> Queries(GraphGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        var hub = GraphGenerator.Hub;
        var ns = GraphGenerator.Namespace;
        return
        [
            ("trivial", "{ viewer { name } }"),
            (Baseline, $$"""{ lineage(start: "{{generator.TypicalModel}}", depth: 3) { truncated nodes { id kind name hops } edges { from to kind } } }"""),
            ("runs", $$"""{ project(path: "{{ns}}/sweep") { runs(filter: { jobTypes: ["eval"] }, orderBy: { field: CREATED_AT, direction: DESC }, first: 25) { totalCount nodes { name jobType state createdAt } } } }"""),
            ("artifact", $$"""{ artifact(name: "{{hub}}") { qualifiedName type digest aliases metadata loggers(first: 5) { nodes { path } } usedBy(first: 25) { totalCount nodes { path jobType } } collections { nodes { qualifiedName } } files(first: 25) { totalCount nodes { path size } } } }"""),
            ("run", $$"""{ run(path: "{{generator.TypicalRun}}") { path jobType state config usedArtifacts(first: 25) { nodes { qualifiedName type loggers(first: 3) { nodes { path } } } } loggedArtifacts(first: 25) { nodes { qualifiedName type loggers(first: 3) { nodes { path } } } } } }"""),
            ("collection", $$"""{ collection(path: "{{ns}}/models/sweep-best") { path type versions(first: 25) { totalCount nodes { qualifiedName aliases source { qualifiedName } } } history(first: 25) { nodes { action version alias actor at } } } }"""),
            ("impact", $$"""{ impact(start: "{{hub}}") { registryVersions { hops version { qualifiedName aliases } } runs { path } truncated } }"""),
            ("search", """{ search(text: "model", first: 20) { kind name path type } }"""),
            ("usedBy", $$"""{ artifact(name: "{{hub}}") { usedBy(first: 100) { nodes { name loggedArtifacts(first: 1) { nodes { loggedBy { name } } } } } } }"""),
        ];
    }
}
