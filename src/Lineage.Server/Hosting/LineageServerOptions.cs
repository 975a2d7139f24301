namespace Lineage.Server;

/// <summary>Server settings, bound from configuration section <c>Lineage</c>.</summary>
public sealed class LineageServerOptions
{
    /// <summary>The bootstrap administrator's user name. Default <c>admin</c>.</summary>
    public string AdminName { get; set; } = "admin";

    /// <summary>
    /// The bootstrap administrator's API key (environment variable <c>LINEAGE_ADMIN_KEY</c>).
    /// When empty, the first start makes one and writes it to <c>&lt;data&gt;/admin-key</c>.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// The server's own folder (environment variable <c>LINEAGE_DATA_DIR</c>): the first-start
    /// key is written here, and the embedded store keeps its database here. Default <c>./data</c>.
    /// </summary>
    public string DataDirectory { get; set; } = "data";
}
