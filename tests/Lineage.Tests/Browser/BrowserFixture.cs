using Lineage.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Lineage.Tests.Browser;

/// <summary>
/// The real server on loopback with the zoo example and the registry acme/models seeded, and
/// Debian's Chromium driven by Playwright. Shared by the browser tests of one class.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _pageErrors = new();
    private IPlaywright? _playwright;

    public LineageApp App { get; } = new();

    public string BaseUrl { get; private set; } = "";

    public IBrowser Browser { get; private set; } = null!;

    /// <summary>Where the tests keep their screenshots: TestResults/screenshots at the repository root.</summary>
    public static string Screenshots { get; } = Path.Combine(RepositoryRoot.Path, "TestResults", "screenshots");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"the browser tests need Chromium at {ChromiumPath}: run tests/browser/install-chromium.sh, or sudo apt-get install chromium");
        }

        App.UseKestrel();
        App.StartServer();
        BaseUrl = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .First(a => a.StartsWith("http://127.0.0.1", StringComparison.Ordinal));
        await SeedAsync(App.GraphQL());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    /// <summary>A fresh tab, signed in with the administrator's key unless told otherwise, in the light colour scheme unless told otherwise.</summary>
    public async Task<IPage> PageAsync(bool signedIn = true, ColorScheme colorScheme = ColorScheme.Light)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            ColorScheme = colorScheme,
        });
        if (signedIn)
        {
            await context.AddInitScriptAsync($"sessionStorage.setItem('lineage.apiKey', '{App.AdminKey}');");
        }

        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(20_000);

        // What the page itself complains about goes into the test's output.
        var output = TestContext.Current.TestOutputHelper;
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                output?.WriteLine($"browser {message.Type}: {message.Text}");
            }
        };
        page.PageError += (_, error) =>
        {
            output?.WriteLine($"page error: {error}");
            _pageErrors.Enqueue(error);
        };
        return page;
    }

    /// <summary>The uncaught errors of the pages opened since the last call; a test that leaves any fails.</summary>
    public IReadOnlyList<string> TakePageErrors()
    {
        var errors = new List<string>();
        while (_pageErrors.TryDequeue(out var error))
        {
            errors.Add(error);
        }

        return errors;
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name + ".png") });

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await App.DisposeAsync();
    }

    /// <summary>
    /// The zoo example, then acme/models/zoo-classifier: v0 linked as staging, production added,
    /// staging removed, v1 linked; acme/models/churn with a long history; and acme/vision, whose
    /// imagenet-subset:v0 lists 60 files.
    /// </summary>
    private static async Task SeedAsync(GraphQLClient admin)
    {
        await ZooExample.SeedAsync(admin);
        await admin.DataAsync("""mutation { createRegistry(input: { owner: "acme", name: "models" }) { path } }""");
        await admin.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "zoo-classifier", type: "model", description: "Zoo animal classifiers" }) { path } }""");
        await admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v0", collection: "acme/models/zoo-classifier", aliases: ["staging"] }) { name } }""");
        await admin.DataAsync("""mutation { addAlias(input: { artifact: "acme/models/zoo-classifier:v0", alias: "production" }) { name } }""");
        await admin.DataAsync("""mutation { removeAlias(input: { artifact: "acme/models/zoo-classifier:v0", alias: "staging" }) { name } }""");
        await admin.DataAsync("""mutation { logArtifact(input: { run: "acme/zoo/rural-feather-20", name: "zoo-ylbchv20", type: "model", digest: "sha256:model1" }) { name } }""");
        await admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v1", collection: "acme/models/zoo-classifier", aliases: ["candidate"] }) { name } }""");

        // A busier history: acme/models/churn, where production moves back and forth 15 times (2 + 1 + 15 × 2 = 33 events).
        await admin.DataAsync("""mutation { createCollection(input: { registry: "acme/models", name: "churn", type: "model" }) { path } }""");
        await admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v0", collection: "acme/models/churn", aliases: ["production"] }) { name } }""");
        await admin.DataAsync("""mutation { linkArtifact(input: { artifact: "acme/zoo/zoo-ylbchv20:v1", collection: "acme/models/churn" }) { name } }""");
        for (var i = 0; i < 15; i++)
        {
            await admin.DataAsync(
                "mutation ($v: String!) { addAlias(input: { artifact: $v, alias: \"production\" }) { name } }",
                new { v = i % 2 == 0 ? "acme/models/churn:v1" : "acme/models/churn:v0" });
        }

        // What governs the registry: production protected, and ada a MEMBER.
        await admin.DataAsync("""mutation { updateRegistry(input: { registry: "acme/models", protectedAliases: ["production"] }) { path } }""");
        await admin.DataAsync("""mutation { createUser(input: { name: "ada" }) { name } }""");
        await admin.DataAsync("""mutation { grantRole(input: { resource: "acme/models", member: "ada", role: MEMBER }) { role } }""");

        // A second project, with a file manifest longer than a page, and a tagged version.
        await admin.DataAsync("""mutation { createRun(input: { project: "acme/vision", name: "resnet-train", jobType: "train" }) { path } }""");
        await admin.DataAsync(
            """mutation ($files: [ArtifactFileInput!]) { logArtifact(input: { run: "acme/vision/resnet-train", name: "imagenet-subset", type: "dataset", digest: "sha256:subset0", files: $files }) { name } }""",
            new { files = Enumerable.Range(0, 60).Select(i => new { path = $"train/{i:D3}.jpg", digest = $"sha256:file{i}", size = 1000 + i }).ToArray() });
        await admin.DataAsync("""mutation { addTags(input: { target: "acme/zoo/zoo-ylbchv20:v0", tags: ["reviewed"] }) { tags } }""");
        await admin.DataAsync("""mutation { finishRun(input: { run: "acme/vision/resnet-train" }) { state } }""");
    }
}
