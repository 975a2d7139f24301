using Lineage.Application;
using Lineage.Identity;
using Lineage.Store;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Hosting;

/// <summary>
/// Makes sure the bootstrap administrator can get in. With <c>LINEAGE_ADMIN_KEY</c> set, that
/// key is the administrator's (and any earlier environment key stops working). Without it,
/// the very first start makes a key, writes it to <c>&lt;data&gt;/admin-key</c> (readable by the
/// file's owner only) inside the transaction that creates the administrator, and prints it
/// once: when the file cannot be written, nothing is created and the next start tries again.
/// </summary>
internal sealed class IdentityBootstrapStep : IStartupStep
{
    public const string KeyFileName = "admin-key";

    private readonly Identities _identities;
    private readonly LineageServerOptions _options;
    private readonly ILogger<IdentityBootstrapStep> _logger;

    public IdentityBootstrapStep(
        Identities identities, IOptions<LineageServerOptions> options, ILogger<IdentityBootstrapStep> logger)
    {
        _identities = identities;
        _options = options.Value;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ApiKeyToken? environmentKey = null;
        if (_options.AdminKey is { Length: > 0 } configured && !ApiKeyToken.TryParse(configured.Trim(), out environmentKey))
        {
            throw new StartupFailure($"LINEAGE_ADMIN_KEY is not a Lineage API key: it must be {ApiKeyToken.FormatRule}");
        }

        var directory = Path.GetFullPath(_options.DataDirectory);
        var path = Path.Combine(directory, KeyFileName);
        var firstStartKey = ApiKeyToken.Generate();
        var result = await _identities.BootstrapAdministratorAsync(
            _options.AdminName,
            environmentKey,
            firstStartKey,
            ct => KeepAsync(directory, path, firstStartKey, ct),
            cancellationToken).ConfigureAwait(false);
        if (result.Created)
        {
            // Printed, not logged: log sinks keep what they are given, and this is shown once.
            await Console.Out.WriteLineAsync(
                $"""

                Lineage created the administrator '{result.Administrator.Name}'. Its API key, shown only this once:

                    {firstStartKey.Reveal()}

                A copy is in {path} (readable by its owner only). Send it as: Authorization: Bearer <key>

                """.AsMemory(), cancellationToken).ConfigureAwait(false);
        }
        else if (environmentKey is not null)
        {
            _logger.LogInformation("Administrator {Name} uses the key {KeyId} from LINEAGE_ADMIN_KEY", result.Administrator.Name, environmentKey.Id);
        }
    }

    /// <summary>Writes the first-start key where its owner alone can read it; a failure stops start-up with nothing created.</summary>
    private static async Task KeepAsync(string directory, string path, ApiKeyToken key, CancellationToken cancellationToken)
    {
        try
        {
            OwnerOnlyFiles.CreateDirectory(directory);
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = OwnerOnlyFiles.FilePermissions;
            }

            await using var file = new FileStream(path, options);
            if (!OperatingSystem.IsWindows())
            {
                // The create mode applies only to a new file; an old file keeps its mode unless told.
                File.SetUnixFileMode(file.SafeFileHandle, OwnerOnlyFiles.FilePermissions);
            }

            await using var writer = new StreamWriter(file);
            await writer.WriteAsync((key.Reveal() + Environment.NewLine).AsMemory(), cancellationToken).ConfigureAwait(false);
            await writer.FlushAsync(cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StartupFailure(
                $"the administrator's first key could not be written to {path} ({e.Message}); no administrator was created: " +
                "make that path writable, or set LINEAGE_ADMIN_KEY, and start again", e);
        }
    }
}
