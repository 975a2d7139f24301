using System.Text.Json;

namespace Lineage.Tests.Support;

public static class Json
{
    /// <summary>Follows a dotted path such as <c>run.usedArtifacts.nodes.0.name</c>.</summary>
    public static JsonElement At(this JsonElement element, string path)
    {
        foreach (var part in path.Split('.'))
        {
            element = int.TryParse(part, out var index) ? element[index] : element.GetProperty(part);
        }

        return element;
    }

    public static string Str(this JsonElement element, string path) => element.At(path).GetString()!;

    public static List<string> Strings(this JsonElement element, string path, string field) =>
        [.. element.At(path).EnumerateArray().Select(e => e.GetProperty(field).GetString()!)];
}
