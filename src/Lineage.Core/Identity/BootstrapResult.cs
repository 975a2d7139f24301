namespace Lineage.Identity;

/// <summary>What start-up did: the administrator, and whether it was created just now (with the first-start key).</summary>
public sealed record BootstrapResult(PrincipalRecord Administrator, bool Created);
