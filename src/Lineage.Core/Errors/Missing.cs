namespace Lineage.Errors;

/// <summary>
/// The not-found errors, written once. Things the caller may not see get exactly the same
/// answer as things that do not exist.
/// </summary>
public static class Missing
{
    public static NotFoundException Namespace(string name) => new($"namespace '{name}' not found");

    public static NotFoundException Project(object path) => new($"project '{path}' not found");

    public static NotFoundException Run(object path) => new($"run '{path}' not found");

    public static NotFoundException Version(object name) => new($"artifact version '{name}' not found");

    public static NotFoundException LineageStart(object node) => new($"lineage start node '{node}' not found");

    public static NotFoundException Registry(object path) => new($"registry '{path}' not found");

    public static NotFoundException Collection(object path) => new($"collection '{path}' not found");

    public static NotFoundException HistoryTarget(string path) => new($"no registry, collection or artifact '{path}' was found");

    public static NotFoundException Principal(string name) => new($"user or service account '{name}' not found");

    public static NotFoundException Member(string name) => new($"no user, service account or team is named '{name}'");

    public static NotFoundException ApiKey(string id) => new($"API key '{id}' not found");
}
