using GraphQL.Execution;

namespace Lineage.Server.GraphQL;

/// <summary>
/// Runs the root fields of a mutation one after the other, each with everything below it, as
/// the GraphQL specification orders them. graphql-dotnet's serial strategy would otherwise
/// defer every batched field until all root fields had run, so the answer of the first
/// mutation could show the effects of the second. Loader caches are dropped between root
/// fields for the same reason. The first field that fails ends the mutation, which the
/// endpoint then rolls back whole.
/// </summary>
internal sealed class MutationExecutionStrategy : SerialExecutionStrategy
{
    public override async Task ExecuteNodeTreeAsync(global::GraphQL.Execution.ExecutionContext context, ExecutionNode rootNode)
    {
        if (rootNode is not RootExecutionNode { SubFields: { } fields })
        {
            await base.ExecuteNodeTreeAsync(context, rootNode).ConfigureAwait(false);
            return;
        }

        foreach (var field in fields)
        {
            await base.ExecuteNodeTreeAsync(context, field).ConfigureAwait(false);
            (context.UserContext as LineageContext)?.ResetLoaders();

            // A mutation is applied whole or not at all: after a failed field, the rest would
            // only be rolled back.
            if (context.Errors.Count > 0)
            {
                break;
            }
        }
    }
}
