using Lineage.Server;

var builder = WebApplication.CreateBuilder(args);
builder.AddLineage();

var app = builder.Build();
app.MapLineage();
app.Run();

/// <summary>The entry point; public so that tests can host the server in process.</summary>
public partial class Program;
