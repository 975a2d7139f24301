namespace Lineage.Server;

/// <summary>Server settings, bound from configuration section <c>Lineage</c>.</summary>
public sealed class LineageServerOptions
{
    /// <summary>The name recorded as <c>createdBy</c> for requests of the local administrator. Default <c>admin</c>.</summary>
    public string LocalActor { get; set; } = "admin";
}
