namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateUserInput
{
    public string Name { get; set; } = "";

    public bool Administrator { get; set; } = false;
}
