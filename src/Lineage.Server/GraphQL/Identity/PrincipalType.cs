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
        Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        Field<NonNullGraphType<PrincipalKindType>>("kind").Reads(s => s.Kind);
        Field<NonNullGraphType<BooleanGraphType>>("isAdministrator").Description("Site administrators hold every role everywhere.").Reads(s => s.IsAdministrator);
        Field<StringGraphType>("homeNamespace")
            .Description("A user's own namespace, or the namespace that owns a service account.")
            .Reads(s => s.HomeNamespace);
        Field<NonNullGraphType<DateTimeGraphType>>("createdAt").Reads(s => s.CreatedAt.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("createdBy").Reads(s => s.CreatedBy);
    }
}
