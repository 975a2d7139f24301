using System.Globalization;

namespace Lineage.Server.GraphQL.Registry;

/// <summary>Audit events are identified as <c>event:42</c> in the API and its exports.</summary>
internal static class AuditIds
{
    public static string Format(long id) => "event:" + id.ToString(CultureInfo.InvariantCulture);
}
