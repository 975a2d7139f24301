using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class RevokeApiKeyInputType : InputObjectGraphType<RevokeApiKeyInput>
{
    public RevokeApiKeyInputType()
    {
        Name = "RevokeApiKeyInput";
        Description = "Revokes an API key: it stops working at once.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The key's id, as listed by apiKeys.");
    }
}
