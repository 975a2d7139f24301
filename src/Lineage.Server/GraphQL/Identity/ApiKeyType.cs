using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class ApiKeyType : ObjectGraphType<ApiKeyRecord>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "A stored API key. Its secret is shown once, by createApiKey, and never stored.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The key's non-secret id: lin_<id>_….").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("owner").Description("The user or service account the key acts as.").Resolve(c => c.Source.Principal);
        Field<NonNullGraphType<ApiKeyStateType>>("state").Resolve(c => c.Source.StateAt(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()));
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Resolve(c => c.Source.CreatedBy);
        Field<DateTimeGraphType>("expiresAt").Resolve(c => c.Source.ExpiresAt?.UtcDateTime);
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt?.UtcDateTime);
        Field<StringGraphType>("revokedBy").Resolve(c => c.Source.RevokedBy);
    }
}
