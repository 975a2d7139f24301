using GraphQL.Types;
using Lineage.Listing;

namespace Lineage.Server.GraphQL.Listing;

/// <summary>ASC or DESC.</summary>
internal sealed class OrderDirectionType : EnumerationGraphType
{
    public OrderDirectionType()
    {
        Name = "OrderDirection";
        Description = "ASC: smallest, oldest or A first. DESC: the reverse.";
        Add("ASC", false);
        Add("DESC", true);
    }
}

/// <summary>The fields one list orders by, as an enum of its own.</summary>
internal abstract class OrderFieldType : EnumerationGraphType
{
    protected OrderFieldType(string name, params (string Name, ListOrderField Field, string Description)[] fields)
    {
        Name = name;
        foreach (var (value, field, description) in fields)
        {
            Add(value, field, description);
        }
    }
}

internal sealed class RunOrderFieldType() : OrderFieldType(
    "RunOrderField",
    ("CREATED_AT", ListOrderField.CreatedAt, "When the run was created."),
    ("NAME", ListOrderField.Name, "The run's name."),
    ("JOB_TYPE", ListOrderField.Type, "The job type; runs without one first."),
    ("STATE", ListOrderField.State, "The state's name: CRASHED, FAILED, FINISHED, RUNNING."));

internal sealed class ArtifactOrderFieldType() : OrderFieldType(
    "ArtifactOrderField",
    ("CREATED_AT", ListOrderField.CreatedAt, "When the artifact's first version was logged."),
    ("NAME", ListOrderField.Name, "The artifact's name."),
    ("TYPE", ListOrderField.Type, "The artifact's type."));

internal sealed class VersionOrderFieldType() : OrderFieldType(
    "VersionOrderField",
    ("CREATED_AT", ListOrderField.CreatedAt, "When the version was logged."),
    ("VERSION", ListOrderField.Version, "The version's index."));

internal sealed class CollectionOrderFieldType() : OrderFieldType(
    "CollectionOrderField",
    ("CREATED_AT", ListOrderField.CreatedAt, "When the collection was created."),
    ("NAME", ListOrderField.Name, "The collection's name."),
    ("TYPE", ListOrderField.Type, "The type of version it holds."));

internal sealed class ProjectOrderFieldType() : OrderFieldType(
    "ProjectOrderField",
    ("CREATED_AT", ListOrderField.CreatedAt, "When the project was created."),
    ("NAME", ListOrderField.Name, "The project's name."));

/// <summary>An order input: a field and a direction, ties broken by creation in the same direction.</summary>
internal abstract class OrderInputType<TField> : InputObjectGraphType<OrderValue>
    where TField : OrderFieldType
{
    protected OrderInputType(string name)
    {
        Name = name;
        Description = "How to order the list: a field and a direction; items that tie are ordered by creation, in the same direction.";
        Field<TField>("field").DefaultValue(ListOrderField.CreatedAt);
        Field<OrderDirectionType>("direction").DefaultValue(false);
    }
}

/// <summary>Every order input's value, as a resolver reads it.</summary>
internal sealed class OrderValue
{
    public ListOrderField Field { get; set; } = ListOrderField.CreatedAt;

    /// <summary>The direction, read from <c>direction</c>: true for DESC.</summary>
    public bool Direction { get; set; }

    internal ListOrder Order() => new(Field, Direction);
}

internal sealed class RunOrderInputType() : OrderInputType<RunOrderFieldType>("RunOrder");

internal sealed class ArtifactOrderInputType() : OrderInputType<ArtifactOrderFieldType>("ArtifactOrder");

internal sealed class VersionOrderInputType() : OrderInputType<VersionOrderFieldType>("VersionOrder");

internal sealed class CollectionOrderInputType() : OrderInputType<CollectionOrderFieldType>("CollectionOrder");

internal sealed class ProjectOrderInputType() : OrderInputType<ProjectOrderFieldType>("ProjectOrder");
