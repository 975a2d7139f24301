using System.Collections.Concurrent;
using GraphQLParser.AST;

namespace Lineage.Server.Http;

/// <summary>
/// Documents already parsed, by their text, and whether one has passed the schema's validation
/// rules. Dashboards send the same few documents again and again; a document that passed needs
/// only the checks that depend on the request (its variables, and the cost they give it), and a
/// document without variables none at all. Bounded
/// in entries and in the size of each document kept: when full, it starts afresh.
/// </summary>
internal sealed class ParsedDocuments
{
    /// <summary>How many documents it holds at most.</summary>
    public const int Capacity = 500;

    /// <summary>The longest document text it keeps, in characters; longer ones are parsed each time.</summary>
    public const int MaxLength = 4_096;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Entry? Find(string text) => _entries.GetValueOrDefault(text);

    /// <summary>Keeps <paramref name="document"/> for <paramref name="text"/>, when it is short enough to keep.</summary>
    public Entry Keep(string text, GraphQLDocument document)
    {
        var entry = new Entry(document);
        if (text.Length > MaxLength)
        {
            return entry;
        }

        if (_entries.Count >= Capacity)
        {
            _entries.Clear();
        }

        return _entries.GetOrAdd(text, entry);
    }

    /// <summary>
    /// A parsed document; <see cref="Validated"/> once it has passed every rule that reads the
    /// document alone, <see cref="CostChecked"/> once it has also passed the cost rule while it
    /// had no variables to change its cost.
    /// </summary>
    public sealed class Entry(GraphQLDocument document)
    {
        private volatile bool _validated;
        private volatile bool _costChecked;

        public GraphQLDocument Document { get; } = document;

        public bool Validated => _validated;

        public bool CostChecked => _costChecked;

        /// <summary>
        /// Whether the document's cost is the same for every request: one operation, with no
        /// variables (the cost rule reads only the document and the server's limits then).
        /// </summary>
        public bool CostIsFixed { get; } = document.Definitions.OfType<GraphQLOperationDefinition>().ToList() is [{ Variables: not { Count: > 0 } }];

        public void MarkValidated()
        {
            _validated = true;
            _costChecked = CostIsFixed;
        }
    }
}
