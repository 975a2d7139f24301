using GraphQL.Types;
using Lineage.Lineage;

namespace Lineage.Server.GraphQL.Types;

internal sealed class LineageNodeType : ObjectGraphType<LineageNode>
{
    public LineageNodeType()
    {
        Name = "LineageNode";
        Field<NonNullGraphType<IdGraphType>>("id").Resolve(c => c.Lineage().Ids.Node(c.Source.Node));
        Field<NonNullGraphType<LineageNodeKindType>>("kind").Reads(s => s.Node.Kind);
        Field<NonNullGraphType<StringGraphType>>("name").Description("rural-feather-20 or split_zoo_dataset:v4").Reads(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("path").Description("The fully qualified run path or version name.").Reads(s => s.Path);
        Field<StringGraphType>("type").Description("The artifact type, or the run's job type.").Reads(s => s.Type);
        Field<NonNullGraphType<IntGraphType>>("hops").Description("Shortest distance from the start node, in edges.").Reads(s => s.Hops);
        Field<RunType>("run")
            .Description("The run, when the node is a run.")
            .Resolve(c => c.Source.Node.Kind == NodeKind.Run ? c.Lineage().Loaders.Runs.LoadOrFound(c.Source.Node.Id) : null);
        Field<ArtifactVersionType>("artifact")
            .Description("The artifact version, when the node is one.")
            .Resolve(c => c.Source.Node.Kind == NodeKind.Artifact ? c.Lineage().Loaders.Versions.LoadOrFound(c.Source.Node.Id) : null);
    }
}
