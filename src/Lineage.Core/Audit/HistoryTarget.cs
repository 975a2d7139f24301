namespace Lineage.Audit;

/// <summary>
/// What a history path names: a registry or a collection (<see cref="RegistryId"/> says which
/// registry guards it) or a project artifact (<see cref="NamespaceId"/> guards it).
/// </summary>
public sealed record HistoryTarget(AuditTargetKind Kind, long Id, long? RegistryId, long? NamespaceId);
