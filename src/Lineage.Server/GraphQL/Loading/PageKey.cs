using Lineage.Model;

namespace Lineage.Server.GraphQL.Loading;

internal readonly record struct PageKey(Relation Relation, long Parent, PageRequest Page);
