using GraphQL.Types;

namespace Lineage.Server.GraphQL.Types;

/// <summary>Relay's Node: anything with a global id that <c>node(id:)</c> finds again.</summary>
internal sealed class NodeInterface : InterfaceGraphType
{
    public NodeInterface()
    {
        Name = "Node";
        Description = "Something with a global id: pass it to node(id:) or nodes(ids:) to fetch it again.";
        Field<NonNullGraphType<IdGraphType>>("id").Description("A global id, opaque and stable: run:…, version:…, link:…, collection:…, ...");
    }
}
