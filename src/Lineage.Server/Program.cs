using Lineage.Server;
using Lineage.Server.Hosting;

if (StoreCommands.IsCommand(args))
{
    return await StoreCommands.RunAsync(args, Console.Out, Console.Error);
}

var builder = WebApplication.CreateBuilder(args);
builder.AddLineage();

var app = builder.Build();
app.MapLineage();
await app.RunAsync();
return 0;

/// <summary>The entry point; public so that tests can host the server in process.</summary>
public partial class Program;
