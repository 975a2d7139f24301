using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using Lineage.Server.GraphQL;
using Lineage.Server.GraphQL.Streaming;

namespace Lineage.Tests.Api;

/// <summary>
/// The items of a list collect the fields of their selection once per execution: what is
/// collected holds for the item's own type and the execution's own variables, and for nothing
/// else.
/// </summary>
public sealed class CollectedFieldsTests
{
    private interface IShape
    {
        string Name { get; }
    }

    private sealed record Square(string Name, int Side) : IShape;

    private sealed record Circle(string Name, int Radius) : IShape;

    private static Schema ShapesSchema(params IShape[] shapes)
    {
        var shape = new InterfaceGraphType<IShape> { Name = "Shape" };
        shape.Field<NonNullGraphType<StringGraphType>>("name");

        var square = new ObjectGraphType<Square> { Name = "Square", IsTypeOf = s => s is Square };
        square.Field<NonNullGraphType<StringGraphType>>("name").Reads(s => s.Name);
        square.Field<NonNullGraphType<IntGraphType>>("side").Reads(s => s.Side);
        square.AddResolvedInterface(shape);

        var circle = new ObjectGraphType<Circle> { Name = "Circle", IsTypeOf = s => s is Circle };
        circle.Field<NonNullGraphType<StringGraphType>>("name").Reads(c => c.Name);
        circle.Field<NonNullGraphType<IntGraphType>>("radius").Reads(c => c.Radius);
        circle.AddResolvedInterface(shape);

        var query = new ObjectGraphType { Name = "Query" };
        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<InterfaceGraphType<IShape>>>>>("shapes").Resolve(_ => shapes);
        query.Fields.Find("shapes")!.ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(shape)));
        var schema = new Schema { Query = query };
        schema.RegisterType(square);
        schema.RegisterType(circle);
        return schema;
    }

    private static async Task<string> RunAsync(IExecutionStrategy strategy, Schema schema, GraphQLDocument document, string? variables = null)
    {
        var executer = new DocumentExecuter(
            new GraphQLDocumentBuilder(),
            new DocumentValidator(),
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(strategy, OperationType.Query)]),
            []);
        var result = await executer.ExecuteAsync(options =>
        {
            options.Schema = schema;
            options.Document = document;
            options.Variables = variables is null ? null : new GraphQLSerializer().Deserialize<Inputs>(variables);
            options.CancellationToken = TestContext.Current.CancellationToken;
        });
        return new GraphQLSerializer().Serialize(result);
    }

    [Fact]
    public async Task items_of_one_list_get_the_fields_of_their_own_type()
    {
        var schema = ShapesSchema(new Square("a", 2), new Circle("b", 3), new Square("c", 4), new Circle("d", 5));
        var document = Parser.Parse("{ shapes { name ... on Square { side } ... on Circle { radius } } }");

        var answer = await RunAsync(new QueryExecutionStrategy(), schema, document);

        Assert.Equal(
            """{"data":{"shapes":[{"name":"a","side":2},{"name":"b","radius":3},{"name":"c","side":4},{"name":"d","radius":5}]}}""",
            answer);
    }

    [Fact]
    public async Task each_execution_collects_with_its_own_variables()
    {
        var schema = ShapesSchema(new Square("a", 2), new Square("b", 3));
        var document = Parser.Parse("query ($side: Boolean!) { shapes { name ... on Square { side @include(if: $side) } } }");
        var strategy = new QueryExecutionStrategy();

        var with = await RunAsync(strategy, schema, document, """{"side":true}""");
        var without = await RunAsync(strategy, schema, document, """{"side":false}""");

        Assert.Equal("""{"data":{"shapes":[{"name":"a","side":2},{"name":"b","side":3}]}}""", with);
        Assert.Equal("""{"data":{"shapes":[{"name":"a"},{"name":"b"}]}}""", without);
    }

    [Fact]
    public async Task a_field_asked_twice_answers_both_selections_for_every_item()
    {
        var schema = ShapesSchema(new Square("a", 2), new Square("b", 3));
        var document = Parser.Parse("{ shapes { name } shapes { ... on Square { side } } }");

        var answer = await RunAsync(new QueryExecutionStrategy(), schema, document);

        Assert.Equal("""{"data":{"shapes":[{"name":"a","side":2},{"name":"b","side":3}]}}""", answer);
    }
}
