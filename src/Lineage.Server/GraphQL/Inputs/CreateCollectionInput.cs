namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateCollectionInput
{
    public string Registry { get; set; } = "";

    public string Name { get; set; } = "";

    public string Type { get; set; } = "";

    public string? Description { get; set; }
}
