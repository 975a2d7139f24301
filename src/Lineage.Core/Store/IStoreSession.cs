using Lineage.Audit;
using Lineage.Identity;
using Lineage.Lineage;
using Lineage.Model;
using Lineage.Names;
using Lineage.Registry;

namespace Lineage.Store;

/// <summary>
/// A store's unit of work, as the application layer (<see cref="Application.LineageWrites"/>)
/// sees it: finds, inserts and updates inside one transaction that holds the store's write lock,
/// so that what a check reads is still true when the change it guards is made. A session makes
/// no decision: it neither checks roles nor refuses anything the caller could get wrong.
/// </summary>
public partial interface IStoreSession
{
    /// <summary>The time a change made now is stored with, at the precision the store keeps.</summary>
    DateTimeOffset Now();

    Task<long?> FindNamespaceIdAsync(string name, CancellationToken cancellationToken);

    /// <summary>The registry that owns <paramref name="path"/>'s name in its namespace, if one does.</summary>
    Task<long?> FindRegistryIdAsync(ProjectPath path, CancellationToken cancellationToken);

    Task<ProjectRecord?> FindProjectAsync(ProjectPath path, CancellationToken cancellationToken);

    Task<ProjectRecord> InsertProjectAsync(long namespaceId, ProjectPath path, Actor actor, CancellationToken cancellationToken);

    Task<RunRecord?> FindRunAsync(RunPath path, CancellationToken cancellationToken);

    /// <summary>Stores a new, running run; returns its id.</summary>
    Task<long> InsertRunAsync(ProjectRecord project, CreateRunCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>Stores the state a run ended in, and when; returns when.</summary>
    Task<DateTimeOffset> UpdateRunStateAsync(RunRecord run, RunState state, CancellationToken cancellationToken);

    Task<RunRecord> LoadRunAsync(long id, CancellationToken cancellationToken);

    /// <summary>The artifact named <paramref name="name"/> in the project.</summary>
    Task<ArtifactRecord?> FindArtifactAsync(ProjectKey project, string name, CancellationToken cancellationToken);

    Task<ArtifactRecord> InsertArtifactAsync(ProjectKey project, string name, string type, CancellationToken cancellationToken);

    /// <summary>The version of an artifact with this digest: its id and index.</summary>
    Task<(long Id, int Index)?> FindVersionByDigestAsync(long artifactId, string digest, CancellationToken cancellationToken);

    /// <summary>Stores the artifact's next version, logged by <paramref name="run"/>, with its files; returns its id and index.</summary>
    Task<(long Id, int Index)> InsertVersionAsync(ArtifactRecord artifact, RunRecord run, LogArtifactCommand command, Actor actor, CancellationToken cancellationToken);

    /// <summary>A version of a project artifact or, when the name's project is a registry, a linked version.</summary>
    Task<VersionRecord?> FindVersionAsync(VersionRef name, CancellationToken cancellationToken);

    Task<VersionRecord> LoadVersionAsync(long id, CancellationToken cancellationToken);

    Task<VersionRecord> LoadLinkAsync(long linkId, CancellationToken cancellationToken);

    Task<RegistryRecord> LoadRegistryAsync(long id, CancellationToken cancellationToken);

    Task<CollectionRecord> LoadCollectionAsync(long id, CancellationToken cancellationToken);

    Task<bool> HasEdgeAsync(EdgeKind kind, long runId, long versionId, CancellationToken cancellationToken);

    Task InsertEdgeAsync(EdgeKind kind, long runId, long versionId, Actor actor, CancellationToken cancellationToken);

    /// <summary>
    /// The path a new edge <paramref name="from"/> → <paramref name="to"/> would close into a
    /// cycle (starting at <paramref name="to"/>), over every edge this transaction sees, or null.
    /// </summary>
    Task<IReadOnlyList<NodeRef>?> FindCycleAsync(NodeRef from, NodeRef to, CancellationToken cancellationToken);

    /// <summary>Names and namespaces of runs and versions, this transaction's new ones included.</summary>
    Task<IReadOnlyDictionary<NodeRef, NodeDescription>> DescribeAsync(IReadOnlyCollection<NodeRef> nodes, CancellationToken cancellationToken);

    /// <summary>The version or link holding an alias in its scope, described as audit events name it.</summary>
    Task<AuditSubject?> FindAliasHolderAsync(AliasScope scope, string alias, CancellationToken cancellationToken);

    /// <summary>How many aliases <paramref name="holderId"/> holds in its scope.</summary>
    Task<long> CountAliasesHeldAsync(AliasScope scope, long holderId, CancellationToken cancellationToken);

    /// <summary>Makes <paramref name="holderId"/> the holder of the alias, whoever held it.</summary>
    Task SetAliasAsync(AliasScope scope, string alias, long holderId, Actor actor, CancellationToken cancellationToken);

    Task DeleteAliasAsync(AliasScope scope, string alias, CancellationToken cancellationToken);

    /// <summary>The id the next event takes, and the length and head of a target's chain (an empty head when it has none).</summary>
    Task<AuditChainHead> ReadChainHeadAsync(AuditTargetKind kind, long targetId, CancellationToken cancellationToken);

    /// <summary>Stores an event and makes it its chain's head.</summary>
    Task InsertEventAsync(AuditEventRecord record, CancellationToken cancellationToken);
}

/// <summary>Where a chain stands before an event is appended to it.</summary>
public sealed record AuditChainHead(long NextEventId, long Length, byte[] Head);

/// <summary>Runs work in one write transaction of the store, as one <see cref="IStoreSession"/>.</summary>
public interface IStoreSessionSource
{
    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction (or in the request's unit of
    /// <see cref="IAtomicWorkSource"/>, when one is open) and commits it; when the work throws,
    /// nothing it wrote is kept.
    /// </summary>
    Task<T> WriteAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken);

    /// <summary>
    /// Runs <paramref name="work"/> in a read transaction: it sees one consistent state, takes no
    /// write lock, and may only find.
    /// </summary>
    Task<T> ReadAsync<T>(Func<IStoreSession, Task<T>> work, CancellationToken cancellationToken);
}
