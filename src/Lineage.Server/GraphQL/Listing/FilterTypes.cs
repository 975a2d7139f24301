using GraphQL.Types;
using Lineage.Listing;
using Lineage.Model;
using Lineage.Server.GraphQL.Types;

namespace Lineage.Server.GraphQL.Listing;

/// <summary>
/// A list's filter input. Every list's filter reads into one <see cref="Value"/>; each input
/// declares only the criteria its list takes, so a criterion another list takes is a
/// validation error, not a silent no-op.
/// </summary>
internal abstract class FilterInputType : InputObjectGraphType<FilterInputType.Value>
{
    protected FilterInputType(string name, string description)
    {
        Name = name;
        Description = description + " Criteria left out keep everything; a list of values keeps items matching any of them; criteria together keep items matching all.";
    }

    protected void Names(string field, string description) =>
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>(field).Description(description);

    protected void CreatedBy() =>
        Field<StringGraphType>("createdBy").Description("Only items created by this user or service account.");

    protected void Created()
    {
        Field<DateTimeGraphType>("createdAfter").Description("Only items created at or after this time.");
        Field<DateTimeGraphType>("createdBefore").Description("Only items created before this time.");
    }

    protected void NameContains() =>
        Field<StringGraphType>("nameContains").Description("Only items whose name contains this text, ignoring case (1 to 128 characters).");

    public sealed class Value
    {
        public List<string>? JobTypes { get; set; }

        public List<string>? Types { get; set; }

        public List<RunState>? States { get; set; }

        public string? CreatedBy { get; set; }

        public DateTime? CreatedAfter { get; set; }

        public DateTime? CreatedBefore { get; set; }

        public string? NameContains { get; set; }

        public List<string>? Aliases { get; set; }

        public List<string>? Tags { get; set; }

        internal ListFilter Filter() => new()
        {
            Types = JobTypes ?? Types,
            States = States,
            CreatedBy = CreatedBy,
            CreatedAfter = Args.Utc(CreatedAfter),
            CreatedBefore = Args.Utc(CreatedBefore),
            NameContains = NameContains,
            Aliases = Aliases,
            Tags = Tags,
        };
    }
}

internal sealed class RunFilterInputType : FilterInputType
{
    public RunFilterInputType() : base("RunFilter", "Which of a project's runs to list.")
    {
        Names("jobTypes", "Only runs of these job types.");
        Field<ListGraphType<NonNullGraphType<RunStateType>>>("states").Description("Only runs in these states.");
        CreatedBy();
        Created();
        NameContains();
    }
}

internal sealed class ArtifactFilterInputType : FilterInputType
{
    public ArtifactFilterInputType() : base("ArtifactFilter", "Which of a project's artifacts to list.")
    {
        Names("types", "Only artifacts of these types.");
        Created();
        NameContains();
    }
}

internal sealed class VersionFilterInputType : FilterInputType
{
    public VersionFilterInputType() : base("VersionFilter", "Which of an artifact's versions to list.")
    {
        Names("aliases", "Only versions holding one of these aliases; latest names the newest.");
        Names("tags", "Only versions carrying one of these tags.");
        CreatedBy();
        Created();
    }
}

internal sealed class CollectionFilterInputType : FilterInputType
{
    public CollectionFilterInputType() : base("CollectionFilter", "Which of a registry's collections to list.")
    {
        Names("types", "Only collections of these types.");
        Names("tags", "Only collections carrying one of these tags.");
        CreatedBy();
        Created();
        NameContains();
    }
}

internal sealed class ProjectFilterInputType : FilterInputType
{
    public ProjectFilterInputType() : base("ProjectFilter", "Which of a namespace's projects to list.")
    {
        CreatedBy();
        Created();
        NameContains();
    }
}
