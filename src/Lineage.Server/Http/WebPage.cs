using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Lineage.Server.Http;

/// <summary>
/// The web page: the explorer at <c>/</c> and, for a browser that asks <c>/graphql</c> for
/// HTML, the GraphiQL playground. Both are static files built into wwwroot; the data they
/// show comes from the API, with the key the user signs in with.
/// </summary>
internal static class WebPage
{
    public const string Playground = "playground.html";

    public static WebApplication UseWebPage(this WebApplication app)
    {
        // The page is built into the project's wwwroot and copied beside the server's binaries:
        // the first holds when run from the project, the second when run from anywhere else.
        var root = new[] { app.Environment.WebRootPath, Path.Combine(AppContext.BaseDirectory, "wwwroot") }
            .FirstOrDefault(d => !string.IsNullOrEmpty(d) && File.Exists(Path.Combine(d, "index.html")));
        if (root is null)
        {
            app.Logger.LogWarning("The web page is not built (no wwwroot/index.html): the API is served without it. Build the server to build the page");
            return app;
        }

        var files = new PhysicalFileProvider(root);
        app.Use(async (http, next) =>
        {
            if (IsBrowserAskingForPlayground(http.Request) && files.GetFileInfo(Playground) is { Exists: true } page)
            {
                Protect(http.Response);
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.SendFileAsync(page, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(http).ConfigureAwait(false);
        });
        app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                Protect(context.Context.Response);
                // Built assets carry a content hash in their names; pages must be checked each time.
                context.Context.Response.Headers.CacheControl = context.File.Name.EndsWith(".html", StringComparison.Ordinal)
                    ? "no-cache"
                    : "public, max-age=31536000, immutable";
            },
        });
        return app;
    }

    /// <summary>A GET of /graphql without a query, from something that accepts HTML first: a browser.</summary>
    private static bool IsBrowserAskingForPlayground(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.Equals("/graphql", StringComparison.Ordinal)
        && !request.Query.ContainsKey("query")
        && request.GetTypedHeaders().Accept is { Count: > 0 } accept
        && accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Scripts, workers and requests from this server only; inline styles are allowed for the
    /// graph renderer and the playground's editor, which set them at run time.
    /// </summary>
    private const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; worker-src 'self' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static void Protect(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
