using Lineage.Tests.Support;

namespace Lineage.Tests.Api;

/// <summary>Runs and versions carry their authors' descriptions, set when they are created.</summary>
[Trait(Cost.Name, Cost.Api)]
public sealed class DescriptionTests : IClassFixture<LineageApp>
{
    private readonly LineageApp _app;

    public DescriptionTests(LineageApp app)
    {
        _app = app;
    }

    [Fact]
    public async Task a_description_given_on_create_is_read_back_and_a_linked_version_shows_its_sources()
    {
        var admin = _app.GraphQL();
        await admin.DataAsync("""
            mutation {
              createRun(input: { project: "acme/described", name: "r1", description: "Sweeps the learning rate.\nSecond line." }) { path }
              logArtifact(input: { run: "acme/described/r1", name: "model", type: "model", digest: "d1", description: "Best of the sweep" }) { name }
              createRegistry(input: { owner: "acme", name: "described-models" }) { path }
              createCollection(input: { registry: "acme/described-models", name: "best", type: "model" }) { path }
              linkArtifact(input: { artifact: "acme/described/model:v0", collection: "acme/described-models/best" }) { name }
            }
            """);

        var data = await admin.DataAsync("""
            {
              run(path: "acme/described/r1") { description }
              artifact(name: "acme/described/model:v0") { description }
              linked: artifact(name: "acme/described-models/best:v0") { description }
            }
            """);
        Assert.Equal("Sweeps the learning rate.\nSecond line.", data.GetProperty("run").GetProperty("description").GetString());
        Assert.Equal("Best of the sweep", data.GetProperty("artifact").GetProperty("description").GetString());
        Assert.Equal("Best of the sweep", data.GetProperty("linked").GetProperty("description").GetString());

        // The same content logged again is the same version, with the description it was first given.
        var again = await admin.DataAsync("""
            mutation {
              createRun(input: { project: "acme/described", name: "r2" }) { path }
              logArtifact(input: { run: "acme/described/r2", name: "model", type: "model", digest: "d1", description: "Another story" }) { version description }
            }
            """);
        Assert.Equal("v0", again.GetProperty("logArtifact").GetProperty("version").GetString());
        Assert.Equal("Best of the sweep", again.GetProperty("logArtifact").GetProperty("description").GetString());
    }

    [Fact]
    public async Task without_a_description_the_field_is_null()
    {
        var admin = _app.GraphQL();
        await admin.DataAsync("""mutation { createRun(input: { project: "acme/described", name: "plain" }) { path } }""");
        var data = await admin.DataAsync("""{ run(path: "acme/described/plain") { description } }""");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, data.GetProperty("run").GetProperty("description").ValueKind);
    }

    [Fact]
    public async Task a_description_that_is_too_long_or_holds_control_characters_is_refused_and_nothing_is_written()
    {
        var admin = _app.GraphQL();
        var tooLong = await admin.ErrorAsync(
            "LIMIT_EXCEEDED",
            """mutation($d: String) { createRun(input: { project: "acme/described", name: "long", description: $d }) { path } }""",
            new { d = new string('x', 4097) });
        Assert.Contains("at most 4096", tooLong.GetProperty("message").GetString(), StringComparison.Ordinal);

        var control = await admin.ErrorAsync(
            "INVALID_ARGUMENT",
            """mutation($d: String) { createRun(input: { project: "acme/described", name: "bell", description: $d }) { path } }""",
            new { d = "ring\u0007" });
        Assert.Contains("control character", control.GetProperty("message").GetString(), StringComparison.Ordinal);

        var missing = await admin.SendAsync("""{ long: run(path: "acme/described/long") { path } bell: run(path: "acme/described/bell") { path } }""");
        Assert.Equal(2, missing.Errors.Count);
        Assert.All(missing.Errors, e => Assert.Equal("NOT_FOUND", e.GetProperty("extensions").GetProperty("code").GetString()));
    }
}
