namespace Lineage.Registry;

/// <summary>What a tag is on.</summary>
public enum TagTarget
{
    Collection,

    /// <summary>A version of a project artifact.</summary>
    Version,

    /// <summary>A linked version in a collection.</summary>
    Link,
}
