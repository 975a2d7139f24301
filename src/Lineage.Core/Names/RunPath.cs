namespace Lineage.Names;

/// <summary><c>namespace/project/run</c>, e.g. <c>acme/zoo/rural-feather-20</c>.</summary>
public sealed record RunPath(string Namespace, string Project, string Name)
{
    public string Namespace { get; } = NameRules.RequireName(Namespace, "namespace");

    public string Project { get; } = NameRules.RequireName(Project, "project");

    public string Name { get; } = NameRules.RequireName(Name, "run name");

    public static RunPath Parse(string? value, string what = "run path")
    {
        var parts = PathSegments.Split(value, 3, what, "namespace/project/run");
        return new RunPath(
            NameRules.RequireName(parts[0], $"namespace in {what}"),
            NameRules.RequireName(parts[1], $"project in {what}"),
            NameRules.RequireName(parts[2], $"run name in {what}"));
    }

    public ProjectPath ProjectPath => new(Namespace, Project);

    public override string ToString() => $"{Namespace}/{Project}/{Name}";
}
