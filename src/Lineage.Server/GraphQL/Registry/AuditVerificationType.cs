using GraphQL.Types;
using Lineage.Audit;

namespace Lineage.Server.GraphQL.Registry;

internal sealed class AuditVerificationType : ObjectGraphType<AuditVerification>
{
    public AuditVerificationType()
    {
        Name = "AuditVerification";
        Description = "The result of recomputing a history's hash chain from the stored events.";
        Field<NonNullGraphType<BooleanGraphType>>("ok").Reads(s => s.Ok);
        Field<NonNullGraphType<IntGraphType>>("eventsChecked").Reads(s => s.EventsChecked);
        Field<IdGraphType>("firstBrokenEventId")
            .Description("The first event that does not follow from the ones before it.")
            .Resolve(c => c.Source.FirstBrokenEventId is { } id ? c.Lineage().Ids.Id("event", id) : null);
        Field<StringGraphType>("problem").Description("What is wrong, in words; null when ok.").Reads(s => s.Problem);
        Field<StringGraphType>("headHash")
            .Description("The hash of the newest event, in hex: keep it elsewhere to notice later rewrites of the whole chain.")
            .Resolve(c => c.Source.HeadHash is { } hash ? Convert.ToHexStringLower(hash) : null);
    }
}
