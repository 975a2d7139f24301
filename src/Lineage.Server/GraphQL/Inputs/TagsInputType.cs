using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class TagsInputType : InputObjectGraphType<TagsInputType.Value>
{
    public TagsInputType()
    {
        Name = "TagsInput";
        Field<NonNullGraphType<StringGraphType>>("target").Description("A collection path (acme/models/zoo-classifier) or any version name.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("tags");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Target { get; set; } = "";

        public List<string> Tags { get; set; } = [];
    }
}
