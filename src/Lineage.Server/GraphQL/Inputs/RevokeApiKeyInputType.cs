using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class RevokeApiKeyInputType : InputObjectGraphType<RevokeApiKeyInputType.Value>
{
    public RevokeApiKeyInputType()
    {
        Name = "RevokeApiKeyInput";
        Description = "Revokes an API key: it stops working at once.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The key's id, as listed by apiKeys.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Id { get; set; } = "";
    }
}
