using GraphQL;
using GraphQL.Builders;
using GraphQL.Resolvers;

namespace Lineage.Server.GraphQL;

/// <summary>A resolver that only reads its value off the parent's record, with no arguments, loader or service.</summary>
internal interface ISourceReader
{
    object? Read(object source);
}

/// <inheritdoc cref="ISourceReader"/>
internal sealed class SourceReader<TSource, TValue>(Func<TSource, TValue> read) : IFieldResolver, ISourceReader
{
    public object? Read(object source) => read((TSource)source);

    public ValueTask<object?> ResolveAsync(IResolveFieldContext context) => new(read((TSource)context.Source!));
}

/// <summary>Declaring fields that read their value off the parent's record.</summary>
internal static class SourceReaders
{
    /// <summary>
    /// Resolves the field by reading its value off the parent's record. The query strategy
    /// reads such a scalar without a resolver context (<see cref="Streaming.QueryExecutionStrategy"/>).
    /// </summary>
    public static FieldBuilder<TSource, TReturn> Reads<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, Func<TSource, TReturn?> read) =>
        field.Resolve(new SourceReader<TSource, TReturn?>(read));
}
