using System.Reflection;
using System.Text.RegularExpressions;

namespace Lineage.Neo4j;

/// <summary>
/// One statement from <c>cypher/</c>. Only <see cref="CypherCatalog"/> makes them, and the
/// client sends nothing else, so every statement on the wire is a file of that folder.
/// </summary>
public sealed class CypherStatement
{
    internal CypherStatement(string name, string text, IReadOnlySet<string> parameters)
    {
        Name = name;
        Text = text;
        Parameters = parameters;
    }

    /// <summary>The file's path under <c>cypher/</c>, without the extension: <c>runs/create</c>.</summary>
    public string Name { get; }

    public string Text { get; }

    /// <summary>The parameters the file declares with <c>// @param name</c> lines.</summary>
    public IReadOnlySet<string> Parameters { get; }

    /// <summary>Refuses arguments that differ from the declared parameters: a misspelt name would otherwise be sent as null.</summary>
    internal void Check(IEnumerable<string> given)
    {
        var names = given.ToHashSet(StringComparer.Ordinal);
        if (!names.SetEquals(Parameters))
        {
            throw new ArgumentException(
                $"statement {Name} declares parameters [{string.Join(", ", Parameters.Order(StringComparer.Ordinal))}] " +
                $"but was given [{string.Join(", ", names.Order(StringComparer.Ordinal))}]");
        }
    }

    public override string ToString() => Name;
}

/// <summary>The statements of <c>cypher/</c>, embedded in this assembly.</summary>
public static partial class CypherCatalog
{
    private const string Prefix = "cypher/";

    private static readonly Lazy<IReadOnlyDictionary<string, CypherStatement>> Loaded = new(Load);

    public static IReadOnlyDictionary<string, CypherStatement> All => Loaded.Value;

    public static CypherStatement Get(string name) =>
        All.TryGetValue(name, out var statement)
            ? statement
            : throw new KeyNotFoundException($"there is no statement cypher/{name}.cypher");

    /// <summary>The statements of one folder, in name order: <c>schema</c> gives the constraints and indexes.</summary>
    public static IReadOnlyList<CypherStatement> Folder(string folder) =>
        [.. All.Values.Where(s => s.Name.StartsWith(folder + "/", StringComparison.Ordinal)).OrderBy(s => s.Name, StringComparer.Ordinal)];

    /// <summary>The parameters a statement's header declares.</summary>
    public static IReadOnlySet<string> DeclaredParameters(string text) =>
        ParamLine().Matches(text).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, CypherStatement> Load()
    {
        var assembly = typeof(CypherCatalog).Assembly;
        var statements = new Dictionary<string, CypherStatement>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var name = resource[Prefix.Length..^".cypher".Length].Replace('\\', '/');
            var text = Read(assembly, resource);
            statements[name] = new CypherStatement(name, text, DeclaredParameters(text));
        }

        return statements;
    }

    private static string Read(Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"resource {resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    [GeneratedRegex(@"^//\s*@param\s+([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.Multiline)]
    private static partial Regex ParamLine();
}
