using GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class CreateUserInputType : InputObjectGraphType<CreateUserInputType.Value>
{
    public CreateUserInputType()
    {
        Name = "CreateUserInput";
        Description = "Creates a user and the user's own namespace; site administrators only.";
        Field<NonNullGraphType<StringGraphType>>("name").Description("The user name, also the name of the user's namespace.");
        Field<BooleanGraphType>("administrator").DefaultValue(false).Description("Whether the user is a site administrator.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Name { get; set; } = "";

        public bool Administrator { get; set; } = false;
    }
}
