namespace Lineage.Server.GraphQL.Inputs;

public sealed class TagsInput
{
    public string Target { get; set; } = "";

    public List<string> Tags { get; set; } = [];
}
