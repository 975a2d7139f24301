namespace Lineage.Names;

/// <summary><c>namespace/registry/collection</c>, e.g. <c>acme/models/zoo-classifier</c>.</summary>
public sealed record CollectionPath(string Namespace, string Registry, string Collection)
{
    public static CollectionPath Parse(string? value, string what = "collection path")
    {
        var parts = PathSegments.Split(value, 3, what, "namespace/registry/collection");
        return new CollectionPath(
            NameRules.RequireName(parts[0], $"namespace in {what}"),
            NameRules.RequireName(parts[1], $"registry in {what}"),
            NameRules.RequireName(parts[2], $"collection in {what}"));
    }

    /// <summary>A path whose history can be read: a collection, or a project artifact (<c>acme/zoo/dataset</c>).</summary>
    public ProjectPath RegistryPath => new(Namespace, Registry);

    public override string ToString() => $"{Namespace}/{Registry}/{Collection}";
}
