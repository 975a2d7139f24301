using GraphQL.Types;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class NewApiKeyType : ObjectGraphType<NewApiKey>
{
    public NewApiKeyType()
    {
        Name = "NewApiKey";
        Field<NonNullGraphType<StringGraphType>>("key")
            .Description("The whole key. It is shown this once and cannot be read again: store it now.")
            .Reads(s => s.Key);
        Field<NonNullGraphType<ApiKeyType>>("apiKey").Reads(s => s.ApiKey);
    }
}
