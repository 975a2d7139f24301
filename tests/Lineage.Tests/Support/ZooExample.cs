namespace Lineage.Tests.Support;

/// <summary>
/// The zoo example of the W&amp;B lineage docs, through the API: preprocessing runs log
/// split_zoo_dataset v0–v4, rural-feather-20 trains on v4 and logs zoo-ylbchv20:v0,
/// northern-lake-21 evaluates it. The same mutations are in README.md.
/// </summary>
public static class ZooExample
{
    public static async Task SeedAsync(GraphQLClient client)
    {
        await client.DataAsync("""
            mutation {
              createRun(input: { project: "acme/zoo", name: "giddy-rain-1", jobType: "upload" }) { path }
            }
            """);
        await client.DataAsync("""
            mutation {
              logArtifact(input: { run: "acme/zoo/giddy-rain-1", name: "raw_zoo_dataset", type: "dataset",
                                   digest: "sha256:raw0", metadata: { rows: 101 } }) { name }
            }
            """);
        for (var i = 0; i < 5; i++)
        {
            await client.DataAsync(
                """
                mutation ($run: String!) {
                  createRun(input: { project: "acme/zoo", name: $run, jobType: "preprocess", config: { seed: 7 } }) { path }
                }
                """,
                new { run = $"split-{i}" });
            await client.DataAsync(
                """
                mutation ($run: String!, $digest: String!) {
                  useArtifact(input: { run: $run, artifact: "acme/zoo/raw_zoo_dataset:v0" }) { name }
                  logArtifact(input: { run: $run, name: "split_zoo_dataset", type: "dataset", digest: $digest }) { name }
                }
                """,
                new { run = $"acme/zoo/split-{i}", digest = $"sha256:split{i}" });
        }

        await client.DataAsync("""
            mutation {
              createRun(input: { project: "acme/zoo", name: "rural-feather-20", jobType: "train",
                                 config: { epochs: 10, lr: 0.001 },
                                 description: "Trains the <b>zoo</b> classifier\non split v4" }) { path }
            }
            """);
        await client.DataAsync("""
            mutation {
              useArtifact(input: { run: "acme/zoo/rural-feather-20", artifact: "acme/zoo/split_zoo_dataset:v4" }) { name }
              logArtifact(input: { run: "acme/zoo/rural-feather-20", name: "zoo-ylbchv20", type: "model",
                                   digest: "sha256:model0", aliases: ["candidate"],
                                   description: "Zoo classifier, 94% on held-out" }) { name }
            }
            """);
        await client.DataAsync("""
            mutation {
              createRun(input: { project: "acme/zoo", name: "northern-lake-21", jobType: "eval" }) { path }
            }
            """);
        await client.DataAsync("""
            mutation {
              useArtifact(input: { run: "acme/zoo/northern-lake-21", artifact: "acme/zoo/zoo-ylbchv20:candidate" }) { name }
              logArtifact(input: { run: "acme/zoo/northern-lake-21", name: "zoo-eval-results", type: "results",
                                   digest: "sha256:eval0", metadata: { accuracy: 0.97 } }) { name }
            }
            """);
    }
}
