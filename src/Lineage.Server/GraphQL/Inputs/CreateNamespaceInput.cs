using Lineage.Identity;

namespace Lineage.Server.GraphQL.Inputs;

public sealed class CreateNamespaceInput
{
    public string Name { get; set; } = "";

    public NamespaceKind Kind { get; set; }

    public string? Organization { get; set; }
}
