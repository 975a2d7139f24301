using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class LinkArtifactInputType : InputObjectGraphType<LinkArtifactInputType.Value>
{
    public LinkArtifactInputType()
    {
        Name = "LinkArtifactInput";
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("The version to link, e.g. acme/zoo/zoo-ylbchv20:v0.");
        Field<NonNullGraphType<StringGraphType>>("collection").Description("The collection path, e.g. acme/models/zoo-classifier.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("aliases").Description("Aliases to give the linked version, each taken from whichever linked version held it.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Artifact { get; set; } = "";

        public string Collection { get; set; } = "";

        public List<string>? Aliases { get; set; }
    }
}
