using GraphQL.Types;
using Lineage.Model;
using Lineage.Names;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class FinishRunInputType : InputObjectGraphType<FinishRunInputType.Value>
{
    public FinishRunInputType()
    {
        Name = "FinishRunInput";
        Field<NonNullGraphType<StringGraphType>>("run").Description("The run's path.");
        Field<RunStateType>("state").Description("How the run ended.").DefaultValue(RunState.Finished);
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Run { get; set; } = "";

        public RunState State { get; set; } = RunState.Finished;

        /// <summary>The run's end asked for, checked as every command is.</summary>
        internal FinishRunCommand Command() => new(RunPath.Parse(Run, "run"), State);
    }
}
