using GraphQL;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Lineage.Server.GraphQL;
using Lineage.Server.GraphQL.Streaming;

namespace Lineage.Tests.Api;

/// <summary>
/// Scalars read straight off their parent's record skip the resolver context, and nothing
/// else: a null where the schema promises a value is still an error on that field, and a field
/// middleware still sees every such field.
/// </summary>
public sealed class SourceReaderTests
{
    private sealed record Thing(string? Name, int Size);

    private sealed class ThingType : ObjectGraphType<Thing>
    {
        public ThingType()
        {
            Name = "Thing";
            Field<NonNullGraphType<StringGraphType>>("name").Reads(t => t.Name);
            Field<NonNullGraphType<IntGraphType>>("size").Reads(t => t.Size);
            Field<StringGraphType>("initial").Reads(t => t.Name![..1]);
        }
    }

    private sealed class Uppercase : IFieldMiddleware
    {
        public async ValueTask<object?> ResolveAsync(IResolveFieldContext context, FieldMiddlewareDelegate next)
        {
            var value = await next(context).ConfigureAwait(false);
            return value is string text ? text.ToUpperInvariant() : value;
        }
    }

    private static Task<string> RunAsync(bool withMiddleware, params Thing[] things) => RunAsync(withMiddleware, "{ things { name size } }", things);

    private static async Task<string> RunAsync(bool withMiddleware, string document, params Thing[] things)
    {
        var query = new ObjectGraphType { Name = "Query" };
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThingType>>>>("things").Resolve(_ => things);
        var schema = new Schema { Query = query };
        if (withMiddleware)
        {
            schema.FieldMiddleware.Use(new Uppercase());
        }

        var executer = new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(new QueryExecutionStrategy(), OperationType.Query)]),
            []);
        var result = await executer.ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Query = document;
            options.CancellationToken = TestContext.Current.CancellationToken;
        });
        return new GraphQLSerializer().Serialize(result);
    }

    [Fact]
    public async Task a_read_field_answers_its_records_value()
    {
        Assert.Equal("""{"data":{"things":[{"name":"alpha","size":3},{"name":"beta","size":4}]}}""", await RunAsync(false, new Thing("alpha", 3), new Thing("beta", 4)));
    }

    [Fact]
    public async Task a_null_read_where_a_value_is_promised_is_an_error_on_that_field()
    {
        var answer = await RunAsync(false, new Thing("alpha", 3), new Thing(null, 4));

        Assert.Contains("\"data\":null", answer, StringComparison.Ordinal);
        Assert.Contains("\"path\":[\"things\",1,\"name\"]", answer, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_field_middleware_sees_read_fields()
    {
        Assert.Equal("""{"data":{"things":[{"name":"ALPHA","size":3}]}}""", await RunAsync(true, new Thing("alpha", 3)));
    }

    [Fact]
    public async Task a_read_that_throws_is_an_error_on_that_field_alone()
    {
        var answer = await RunAsync(false, "{ things { size initial } }", new Thing("alpha", 3), new Thing("", 4));

        Assert.Contains("""{"things":[{"size":3,"initial":"a"},{"size":4,"initial":null}]}""", answer, StringComparison.Ordinal);
        Assert.Contains("\"path\":[\"things\",1,\"initial\"]", answer, StringComparison.Ordinal);
    }
}
