using Lineage.Model;

namespace Lineage.Server.GraphQL.Types;

internal sealed class RunEdgeType() : EdgeType<RunType, RunRecord>("Run");

internal sealed class RunConnectionType() : ConnectionType<RunType, RunEdgeType, RunRecord>("Run");

internal sealed class ArtifactVersionEdgeType() : EdgeType<ArtifactVersionType, VersionRecord>("ArtifactVersion");

internal sealed class ArtifactVersionConnectionType() : ConnectionType<ArtifactVersionType, ArtifactVersionEdgeType, VersionRecord>("ArtifactVersion");

internal sealed class ArtifactEdgeType() : EdgeType<ArtifactType, ArtifactRecord>("Artifact");

internal sealed class ArtifactConnectionType() : ConnectionType<ArtifactType, ArtifactEdgeType, ArtifactRecord>("Artifact");

internal sealed class ArtifactFileEdgeType() : EdgeType<ArtifactFileType, VersionFile>("ArtifactFile");

internal sealed class ArtifactFileConnectionType() : ConnectionType<ArtifactFileType, ArtifactFileEdgeType, VersionFile>("ArtifactFile");
