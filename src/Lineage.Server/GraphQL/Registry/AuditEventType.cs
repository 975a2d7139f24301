using GraphQL.Types;
using Lineage.Audit;
using Lineage.Identity;
using Lineage.Server.GraphQL.Identity;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Registry;

internal sealed class AuditEventType : ObjectGraphType<AuditEventRecord>
{
    public AuditEventType()
    {
        Name = "AuditEvent";
        Description = "One change to a collection's or artifact's versions, aliases or tags, or to a registry's settings and roles, chained by hash to the event before it.";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Id("event", c.Source.Id));
        Field<NonNullGraphType<AuditActionType>>("action").Reads(s => s.Action);
        Field<NonNullGraphType<StringGraphType>>("actor").Description("The authenticated user or service account that made the change.").Reads(s => s.Actor);
        Field<NonNullGraphType<DateTimeGraphType>>("at").Description("When, in UTC.").Reads(s => s.At.UtcDateTime);
        Field<NonNullGraphType<StringGraphType>>("target").Description("The registry, collection or artifact path.").Reads(s => s.Target);
        Field<NonNullGraphType<LongGraphType>>("position").Description("The event's place in its target's history, from 1.").Reads(s => s.Position);
        Field<StringGraphType>("version").Description("The version concerned, e.g. v0.").Reads(s => s.Version);
        Field<StringGraphType>("source").Description("For a collection, the source version the linked version points at; null when its project is hidden from you.").Reads(s => s.Source);
        Field<StringGraphType>("alias").Description("The alias added, removed, protected or unprotected.").Reads(s => s.Alias);
        Field<StringGraphType>("tag").Description("The tag added or removed.").Reads(s => s.Tag);
        Field<StringGraphType>("member").Description("The user, service account or team whose registry role was granted or revoked.").Reads(s => s.Member);
        Field<RoleType>("role").Description("The registry role granted, or the one revoked.").Resolve(c => c.Source.Role is { } role ? RoleNames.Parse(role) : (Role?)null);
        Field<RegistryVisibilityType>("visibility").Description("The registry's visibility after the change.").Resolve(c => c.Source.Visibility is { } v ? Enum.Parse<RegistryVisibility>(v, ignoreCase: true) : (RegistryVisibility?)null);
        Field<StringGraphType>("requestId").Description("The id of the HTTP request that made the change.").Reads(s => s.RequestId);
        Field<ArtifactVersionType>("artifact")
            .Description("The version concerned, while it exists: an unlinked version is gone.")
            .Resolve(c => c.Source.SubjectId is not { } id ? null
                : c.Source.TargetKind == AuditTargetKind.Collection ? c.Lineage().Loaders.Links.LoadOrFound(id)
                : c.Lineage().Loaders.Versions.LoadOrFound(id));
        Field<NonNullGraphType<StringGraphType>>("hash")
            .Description("SHA-256, in hex, over the previous event's hash and this event's canonical form.")
            .Resolve(c => Convert.ToHexStringLower(c.Source.Hash));
    }
}
