using GraphQL;
using GraphQL.Types;
using Lineage.Errors;
using Lineage.Names;
using Lineage.Server.GraphQL.Registry;

namespace Lineage.Server.GraphQL;

internal sealed partial class QueryType
{
    private void AddRegistryFields()
    {
        Field<CollectionType>("collection")
            .Description("A collection by path, e.g. acme/models/zoo-classifier.")
            .Argument<NonNullGraphType<StringGraphType>>("path")
            .ResolveAsync(async c =>
            {
                var path = CollectionPath.Parse(c.GetArgument<string>("path"), "path");
                var lineage = c.Lineage();
                return await lineage.Registries.FindCollectionAsync(path, lineage.Access, c.CancellationToken).ConfigureAwait(false)
                    ?? throw Missing.Collection(path);
            });

        Field<NonNullGraphType<AuditVerificationType>>("verifyAuditHistory")
            .Description("Recomputes the hash chain of a registry's (acme/models), collection's (acme/models/zoo-classifier) or artifact's (acme/zoo/dataset) history.")
            .Argument<NonNullGraphType<StringGraphType>>("path")
            .ResolveAsync(async c =>
            {
                var lineage = c.Lineage();
                return await lineage.Registries.VerifyAuditHistoryAsync(c.GetArgument<string>("path"), lineage.Access, c.CancellationToken).ConfigureAwait(false);
            });
    }
}
