using Microsoft.AspNetCore.StaticFiles;

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
        app.Use(async (http, next) =>
        {
            if (IsBrowserAskingForPlayground(http.Request)
                && app.Environment.WebRootFileProvider.GetFileInfo(Playground) is { Exists: true } page)
            {
                Protect(http.Response);
                http.Response.ContentType = "text/html; charset=utf-8";
                http.Response.Headers.CacheControl = "no-cache";
                await http.Response.SendFileAsync(page, http.RequestAborted).ConfigureAwait(false);
                return;
            }

            await next(http).ConfigureAwait(false);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
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

    private static void Protect(HttpResponse response)
    {
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
