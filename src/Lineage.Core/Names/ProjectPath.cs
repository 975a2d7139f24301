namespace Lineage.Names;

/// <summary><c>namespace/project</c>, e.g. <c>acme/zoo</c>.</summary>
public sealed record ProjectPath(string Namespace, string Project)
{
    public string Namespace { get; } = NameRules.RequireName(Namespace, "namespace");

    public string Project { get; } = NameRules.RequireName(Project, "project");

    public static ProjectPath Parse(string? value, string what = "project path")
    {
        var parts = PathSegments.Split(value, 2, what, "namespace/project");
        return new ProjectPath(
            NameRules.RequireName(parts[0], $"namespace in {what}"),
            NameRules.RequireName(parts[1], $"project in {what}"));
    }

    public override string ToString() => $"{Namespace}/{Project}";
}
