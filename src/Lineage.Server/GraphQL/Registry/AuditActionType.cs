using GraphQL.Types;
using Lineage.Audit;

namespace Lineage.Server.GraphQL.Registry;

internal sealed class AuditActionType : EnumerationGraphType<AuditAction>
{
    public AuditActionType()
    {
        Name = "AuditAction";
        Description = "What an audit event records. The automatic 'latest' alias is derived and never recorded.";
    }
}
