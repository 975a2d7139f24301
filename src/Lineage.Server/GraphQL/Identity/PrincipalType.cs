using GraphQL.Types;
using Lineage.Application;
using Lineage.Identity;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class PrincipalType : ObjectGraphType<PrincipalRecord>
{
    public PrincipalType()
    {
        Name = "Principal";
        Interface<NodeInterface>();
        IsTypeOf = o => o is PrincipalRecord;
        Description = "A user or a service account: what API keys belong to.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Of(NodeType.Principal, c.Source.Id));
        Field<NonNullGraphType<StringGraphType>>("name").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<PrincipalKindType>>("kind").Resolve(c => c.Source.Kind);
        Field<NonNullGraphType<BooleanGraphType>>("isAdministrator").Description("Site administrators hold every role everywhere.").Resolve(c => c.Source.IsAdministrator);
        Field<StringGraphType>("homeNamespace")
            .Description("A user's own namespace, or the namespace that owns a service account.")
            .Resolve(c => c.Source.HomeNamespace);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Resolve(c => c.Source.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Resolve(c => c.Source.CreatedBy);
    }
}
