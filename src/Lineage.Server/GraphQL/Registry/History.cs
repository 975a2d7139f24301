using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using Lineage.Audit;
using Lineage.Errors;
using Lineage.Registry;
using Lineage.Server.GraphQL.Loading;

namespace Lineage.Server.GraphQL.Registry;

/// <summary>The <c>history</c> field of collections and artifacts: its arguments and its page.</summary>
internal static class History
{
    private const int MaxActions = 10;

    public static FieldBuilder<TSource, TReturn> HistoryArguments<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field
            .Paged()
            .Argument<ListGraphType<NonNullGraphType<AuditActionType>>>("actions", "Only events of these actions.")
            .Argument<StringGraphType>("actor", "Only events made by this user or service account.")
            .Argument<DateTimeGraphType>("since", "Only events at or after this time.")
            .Argument<DateTimeGraphType>("until", "Only events before this time.");

    public static async Task<Connection<AuditEventRecord>> PageAsync(IResolveFieldContext context, string path)
    {
        var lineage = context.Lineage();
        var page = Args.Page(context);
        var query = Query(context);
        var events = await lineage.Registries.GetHistoryAsync(path, query, page, lineage.Access, context.CancellationToken).ConfigureAwait(false);
        return StoreConnection.Of(events, page, ct => lineage.Registries.CountHistoryAsync(path, query, lineage.Access, ct));
    }

    /// <summary>The history page of a collection the field's parent already read, without finding it again.</summary>
    public static async Task<Connection<AuditEventRecord>> PageAsync(IResolveFieldContext context, CollectionRecord collection)
    {
        var lineage = context.Lineage();
        var page = Args.Page(context);
        var query = Query(context);
        var events = await lineage.Registries.GetHistoryAsync(collection, query, page, lineage.Access, context.CancellationToken).ConfigureAwait(false);
        return StoreConnection.Of(events, page, ct => lineage.Registries.CountHistoryAsync(collection.Path, query, lineage.Access, ct));
    }

    private static AuditQuery Query(IResolveFieldContext context)
    {
        var actions = context.GetArgument<List<AuditAction>?>("actions");
        if (actions is { Count: > MaxActions })
        {
            throw new LimitExceededException("actions", $"at most {MaxActions} actions can be given, not {actions.Count}");
        }

        var actor = context.GetArgument<string?>("actor");
        if (actor is not null)
        {
            Names.NameRules.RequireName(actor, "actor");
        }

        var since = Args.Utc(context.GetArgument<DateTime?>("since"));
        var until = Args.Utc(context.GetArgument<DateTime?>("until"));
        if (since is not null && until is not null && until <= since)
        {
            throw new InvalidArgumentException($"until ({until.Value.UtcDateTime:O}) must be later than since ({since.Value.UtcDateTime:O})");
        }

        return new AuditQuery(actions is null ? null : actions.ToHashSet(), actor, since, until);
    }
}
