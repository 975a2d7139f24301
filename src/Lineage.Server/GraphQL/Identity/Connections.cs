using Lineage.Identity;
using Lineage.Model;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Identity;

internal sealed class MembershipEdgeType() : EdgeType<MembershipType, MembershipRecord>("Membership");

internal sealed class MembershipConnectionType() : ConnectionType<MembershipType, MembershipEdgeType, MembershipRecord>("Membership");

internal sealed class ApiKeyEdgeType() : EdgeType<ApiKeyType, ApiKeyRecord>("ApiKey");

internal sealed class ApiKeyConnectionType() : ConnectionType<ApiKeyType, ApiKeyEdgeType, ApiKeyRecord>("ApiKey");

internal sealed class RegistryEdgeType() : EdgeType<RegistryType, RegistryRecord>("Registry");

internal sealed class RegistryConnectionType() : ConnectionType<RegistryType, RegistryEdgeType, RegistryRecord>("Registry");

internal sealed class ProjectEdgeType() : EdgeType<ProjectType, ProjectRecord>("Project");

internal sealed class ProjectConnectionType() : ConnectionType<ProjectType, ProjectEdgeType, ProjectRecord>("Project");

internal sealed class NamespaceEdgeType() : EdgeType<NamespaceType, NamespaceRecord>("Namespace");

internal sealed class NamespaceConnectionType() : ConnectionType<NamespaceType, NamespaceEdgeType, NamespaceRecord>("Namespace");
