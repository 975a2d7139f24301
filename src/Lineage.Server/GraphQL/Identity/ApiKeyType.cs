using GraphQL.Types;
using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class ApiKeyType : ObjectGraphType<ApiKeyRecord>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Description = "A stored API key. Its secret is shown once, by createApiKey, and never stored.";
        Field<NonNullGraphType<StringGraphType>>("id").Description("The key's non-secret id: lin_<id>_….").Reads(s => s.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("owner").Description("The user or service account the key acts as.").Reads(s => s.Principal);
        Field<NonNullGraphType<ApiKeyStateType>>("state").Resolve(c => c.Source.StateAt(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow()));
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
        Field<DateTimeGraphType>("expiresAt").Resolve(c => c.Source.ExpiresAt?.UtcDateTime);
        Field<DateTimeGraphType>("revokedAt").Resolve(c => c.Source.RevokedAt?.UtcDateTime);
        Field<StringGraphType>("revokedBy").Reads(s => s.RevokedBy);
    }
}
