using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateCollectionInputType : InputObjectGraphType<CreateCollectionInputType.Value>
{
    public CreateCollectionInputType()
    {
        Name = "CreateCollectionInput";
        Field<NonNullGraphType<StringGraphType>>("registry").Description("The registry path, e.g. acme/models.");
        Field<NonNullGraphType<StringGraphType>>("name");
        Field<NonNullGraphType<StringGraphType>>("type").Description("The type of version it holds, e.g. model: only versions of this type can be linked.");
        Field<StringGraphType>("description");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Registry { get; set; } = "";

        public string Name { get; set; } = "";

        public string Type { get; set; } = "";

        public string? Description { get; set; }
    }
}
