using Lineage.Errors;
using Lineage.Identity;
using Lineage.Lineage;

namespace Lineage.Store.Rules;

/// <summary>How a store refuses an edge that would close a cycle.</summary>
public static class CycleRefusal
{
    /// <summary>
    /// The refusal of an edge that would close <paramref name="cycle"/>: the cycle's names, with
    /// the nodes the caller may not see shown as "(hidden run)" or "(hidden artifact version)".
    /// </summary>
    public static CycleDetectedException Build(
        IReadOnlyList<NodeRef> cycle, Func<NodeRef, (string Path, long NamespaceId)> name, Access access)
    {
        ArgumentNullException.ThrowIfNull(cycle);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(access);
        return new CycleDetectedException([.. cycle.Select(n => name(n) is var (path, ns) && access.CanSeeNamespace(ns)
            ? path
            : n.Kind == NodeKind.Run ? "(hidden run)" : "(hidden artifact version)")]);
    }
}
