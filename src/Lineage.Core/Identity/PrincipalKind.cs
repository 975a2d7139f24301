namespace Lineage.Identity;

public enum PrincipalKind
{
    /// <summary>A person.</summary>
    User,

    /// <summary>Automation owned by a namespace; its keys are managed by that namespace's administrators.</summary>
    ServiceAccount,
}
