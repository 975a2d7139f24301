using Lineage.Identity;

namespace Lineage.Server.GraphQL.Identity;

/// <summary>A key just made: the only time its secret is ever shown.</summary>
internal sealed record NewApiKey(string Key, ApiKeyRecord ApiKey);
