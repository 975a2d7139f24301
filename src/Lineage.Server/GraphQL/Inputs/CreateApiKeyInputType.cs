using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateApiKeyInputType : InputObjectGraphType<CreateApiKeyInputType.Value>
{
    public CreateApiKeyInputType()
    {
        Name = "CreateApiKeyInput";
        Description = "Makes an API key. The answer holds the whole key, once.";
        Field<StringGraphType>("owner").Description("Whose key: yourself when not given; a service account of a namespace you administer; anyone, for a site administrator.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("What the key is for, e.g. ci-pipeline.");
        Field<DateTimeGraphType>("expiresAt").Description("When the key stops working; never when not given.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string? Owner { get; set; }

        public string Name { get; set; } = "";

        public DateTime? ExpiresAt { get; set; }
    }
}
