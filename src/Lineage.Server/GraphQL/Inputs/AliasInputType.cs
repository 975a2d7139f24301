using System.Globalization;
using GraphQL.Types;
using Lineage.Errors;
using Lineage.Model;
using Lineage.Names;

namespace Lineage.Server.GraphQL.Inputs;

internal sealed class AliasInputType : InputObjectGraphType<AliasInputType.Value>
{
    public AliasInputType()
    {
        Name = "AliasInput";
        Field<NonNullGraphType<StringGraphType>>("artifact").Description("Any version name, in a project or a collection.");
        Field<NonNullGraphType<StringGraphType>>("alias");
        Field<StringGraphType>("expectedVersion")
            .Description("Change only if this version (e.g. v3) holds the alias now; otherwise CONFLICT and nothing changes.");
    }

    /// <summary>The input's value, as a resolver reads it.</summary>
    public sealed class Value
    {
        public string Artifact { get; set; } = "";

        public string Alias { get; set; } = "";

        public string? ExpectedVersion { get; set; }

        /// <summary>The alias move asked for, checked as every command is.</summary>
        internal AliasCommand Command() => new(VersionRef.Parse(Artifact, "artifact"), Alias, Expected());

        private int? Expected()
        {
            if (ExpectedVersion is null)
            {
                return null;
            }

            if (!NameRules.LooksLikeVersion(ExpectedVersion)
                || !int.TryParse(ExpectedVersion.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw new InvalidArgumentException($"expectedVersion must be a version such as v3, not {NameRules.Quote(ExpectedVersion)}");
            }

            return index;
        }
    }
}
