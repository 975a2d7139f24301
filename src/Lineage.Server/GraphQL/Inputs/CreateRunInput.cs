namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateRunInput
{
    public string Project { get; set; } = "";

    public string Name { get; set; } = "";

    public string? JobType { get; set; }

    public object? Config { get; set; }

    public string? Description { get; set; }
}
