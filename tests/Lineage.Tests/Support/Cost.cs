namespace Lineage.Tests.Support;

/// <summary>
/// How much a test class costs to run, as a trait, so that the fast part runs alone in seconds:
/// untagged classes are unit and store contract tests; <see cref="Api"/> classes run the API on
/// an in-process host; <see cref="Slow"/> classes start processes, a browser or Node.
/// </summary>
public static class Cost
{
    public const string Name = "Cost";

    public const string Api = "Api";

    public const string Slow = "Slow";
}
