using Lineage.Server;
using Lineage.Server.Hosting;

if (StoreSelection.IsCommand(args))
{
    return await StoreSelection.RunCommandAsync(args, Console.Out, Console.Error);
}

IHostEnvironment? environment = null;
try
{
    // Settings (appsettings.json) are read from beside the binaries, wherever the server is run from.
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
    environment = builder.Environment;
    builder.AddLineage();

    var app = builder.Build();
    app.MapLineage();
    await app.RunAsync();
    return 0;
}
catch (StartupFailure failure) when (environment?.IsDevelopment() != true)
{
    // One line that says what to fix; the whole exception is for developers.
    await Console.Error.WriteLineAsync($"Lineage could not start: {failure.Message}");
    return 1;
}

/// <summary>The entry point; public so that tests can host the server in process.</summary>
public partial class Program;
