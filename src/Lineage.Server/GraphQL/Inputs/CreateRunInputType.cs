using GraphQL.Types;
using Lineage.Server.GraphQL.Scalars;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateRunInputType : InputObjectGraphType<CreateRunInput>
{
    public CreateRunInputType()
    {
        Name = "CreateRunInput";
        Field<NonNullGraphType<StringGraphType>>("project").Description("namespace/project; created on first use.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The run's name, unique in its project.");
        Field<StringGraphType>("jobType").Description("train, eval, preprocess, ...");
        Field<JsonGraphType>("config").Description("The run's configuration, a JSON object.");
        Field<StringGraphType>("description").Description("What the run is for, in your words: at most 4096 characters.");
    }
}
