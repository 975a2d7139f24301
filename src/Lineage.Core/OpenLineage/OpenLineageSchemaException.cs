using Lineage.Errors;

namespace Lineage.OpenLineage;

/// <summary>
/// An event broke a rule of the OpenLineage schema: says which rule (as the schema spells it:
/// <c>required</c>, <c>type</c>, <c>format</c>, <c>enum</c>, <c>oneOf</c>) and which field.
/// </summary>
public sealed class OpenLineageSchemaException : LineageException
{
    public OpenLineageSchemaException(int index, string field, string rule, string problem)
        : base($"event {index + 1}: {field} breaks the OpenLineage 2-0-2 schema rule '{rule}': {problem}")
    {
        Index = index;
        Field = field;
        Rule = rule;
    }

    /// <summary>The event's place in the request, from 0.</summary>
    public int Index { get; }

    /// <summary>The field at fault, as a dotted path from the event (<c>run.runId</c>, <c>inputs[2].name</c>).</summary>
    public string Field { get; }

    public string Rule { get; }

    public override string Code => ErrorCodes.InvalidArgument;

    public override IReadOnlyDictionary<string, object?> Details =>
        new Dictionary<string, object?> { ["event"] = Index, ["field"] = Field, ["rule"] = Rule };
}
