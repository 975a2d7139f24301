using System.Text.Json;
using Lineage.Audit;
using Lineage.Identity;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;
using static Lineage.Neo4j.Cypher;

namespace Lineage.Neo4j;

/// <summary>Records read out of the maps the statements of <c>cypher/</c> return.</summary>
internal static class Records
{
    public static ProjectRecord Project(JsonElement m) => ProjectRecord.Read(new MapFields(m));

    public static RunRecord Run(JsonElement m) => RunRecord.Read(new MapFields(m));

    public static ArtifactRecord Artifact(JsonElement m) => ArtifactRecord.Read(new MapFields(m));

    /// <summary>A project version, its aliases and, when it is the newest, <c>latest</c>.</summary>
    public static VersionRecord Version(JsonElement m) => VersionRecord.Read(new MapFields(m), Aliases(m));

    /// <summary>A linked version: named after its collection, carrying its source's content and lineage.</summary>
    public static VersionRecord Link(JsonElement m) =>
        VersionRecord.Read(new MapFields(Member(m, "source")), []).LinkedAs(new MapFields(m), Aliases(m));

    public static CollectionRecord Collection(JsonElement m) => CollectionRecord.Read(new MapFields(m));

    public static PrincipalRecord Principal(JsonElement m) => new(
        Long(m, "id"),
        String(m, "name"),
        String(m, "kind") == "USER" ? PrincipalKind.User : PrincipalKind.ServiceAccount,
        Bool(m, "isAdministrator"),
        NullableLong(m, "homeNamespaceId"),
        NullableString(m, "homeNamespace"),
        Time(m, "createdAt"),
        String(m, "createdBy"));

    public static NamespaceRecord Namespace(JsonElement m) => NamespaceRecord.Read(new MapFields(m));

    public static RegistryRecord Registry(JsonElement m) => new(
        Long(m, "id"),
        Long(m, "namespaceId"),
        String(m, "namespace"),
        String(m, "name"),
        Enum.Parse<RegistryVisibility>(String(m, "visibility"), ignoreCase: true),
        Time(m, "createdAt"),
        String(m, "createdBy"),
        Strings(m, "protectedAliases"));

    public static ApiKeyRecord Key(JsonElement m) => new(
        String(m, "id"),
        Long(m, "principalId"),
        String(m, "principalName"),
        String(m, "name"),
        Time(m, "createdAt"),
        String(m, "createdBy"),
        NullableTime(m, "expiresAt"),
        NullableTime(m, "revokedAt"),
        NullableString(m, "revokedBy"));

    public static MembershipRecord Membership(JsonElement m) => new(
        String(m, "memberName"),
        String(m, "memberKind") switch
        {
            "TEAM" => MemberKind.Team,
            "USER" => MemberKind.User,
            _ => MemberKind.ServiceAccount,
        },
        RoleNames.Parse(String(m, "role")),
        Time(m, "createdAt"),
        String(m, "createdBy"));

    public static AuditEventRecord Event(JsonElement m) => new(
        Long(m, "id"),
        AuditChain.ParseTargetKind(String(m, "targetKind")),
        Long(m, "targetId"),
        String(m, "target"),
        Long(m, "position"),
        AuditChain.ParseAction(String(m, "action")),
        Time(m, "at"),
        String(m, "actor"),
        Convert.FromBase64String(String(m, "hash")))
    {
        // Events appended before the format was recorded are format 1.
        Format = (int)(NullableLong(m, "format") ?? 1),
        Version = NullableString(m, "version"),
        Source = NullableString(m, "source"),
        SourceSalt = NullableString(m, "sourceSalt") is { } salt ? Convert.FromBase64String(salt) : null,
        Alias = NullableString(m, "alias"),
        Tag = NullableString(m, "tag"),
        Member = NullableString(m, "member"),
        Role = NullableString(m, "role"),
        Visibility = NullableString(m, "visibility"),
        RequestId = NullableString(m, "requestId"),
        SubjectId = NullableLong(m, "subjectId"),
        SourceNamespaceId = NullableLong(m, "sourceNamespaceId"),
    };

    private static List<string> Aliases(JsonElement m) =>
        [.. Strings(m, "aliases"), .. Bool(m, "latest") ? new[] { NameRules.Latest } : []];
}
