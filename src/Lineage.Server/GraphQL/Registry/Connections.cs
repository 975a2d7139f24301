using Lineage.Audit;
using Lineage.Registry;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Registry;

internal sealed class CollectionEdgeType() : EdgeType<CollectionType, CollectionRecord>("Collection");

internal sealed class CollectionConnectionType() : ConnectionType<CollectionType, CollectionEdgeType, CollectionRecord>("Collection");

internal sealed class AuditEventEdgeType() : EdgeType<AuditEventType, AuditEventRecord>("AuditEvent");

internal sealed class AuditEventConnectionType() : ConnectionType<AuditEventType, AuditEventEdgeType, AuditEventRecord>("AuditEvent");
