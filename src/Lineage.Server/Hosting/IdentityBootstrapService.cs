using Lineage.Identity;
using Lineage.Sqlite;
using Lineage.Store;
using Microsoft.Extensions.Options;

namespace Lineage.Server.Hosting;

/// <summary>
/// Makes sure the bootstrap administrator can get in. With <c>LINEAGE_ADMIN_KEY</c> set, that
/// key is the administrator's (and any earlier environment key stops working). Without it,
/// the very first start makes a key, prints it once and leaves a copy in
/// <c>&lt;data&gt;/admin-key</c>, readable by the file's owner only.
/// </summary>
internal sealed class IdentityBootstrapService : IHostedService
{
    public const string KeyFileName = "admin-key";

    private readonly IIdentityStore _identities;
    private readonly LineageServerOptions _options;
    private readonly SqliteStoreOptions _sqlite;
    private readonly ILogger<IdentityBootstrapService> _logger;

    public IdentityBootstrapService(
        IIdentityStore identities, IOptions<LineageServerOptions> options, IOptions<SqliteStoreOptions> sqlite, ILogger<IdentityBootstrapService> logger)
    {
        _identities = identities;
        _options = options.Value;
        _sqlite = sqlite.Value;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ApiKeyToken? environmentKey = null;
        if (_options.AdminKey is { Length: > 0 } configured)
        {
            if (!ApiKeyToken.TryParse(configured.Trim(), out environmentKey))
            {
                throw new InvalidOperationException(
                    $"LINEAGE_ADMIN_KEY is not a Lineage API key: it must be {ApiKeyToken.FormatRule}. " +
                    $"For example, this one was just generated: {ApiKeyToken.Generate().Reveal()}");
            }
        }

        var firstStartKey = ApiKeyToken.Generate();
        var result = await _identities.BootstrapAdministratorAsync(_options.AdminName, environmentKey, firstStartKey, cancellationToken).ConfigureAwait(false);
        if (result.Created)
        {
            var path = Path.Combine(Path.GetFullPath(_sqlite.DataDirectory), KeyFileName);
            await WriteOwnerOnlyAsync(path, firstStartKey.Reveal() + Environment.NewLine, cancellationToken).ConfigureAwait(false);
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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using var file = new FileStream(path, options);
        if (!OperatingSystem.IsWindows())
        {
            // The create mode applies only to a new file; an old file keeps its mode unless told.
            File.SetUnixFileMode(file.SafeFileHandle, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await using var writer = new StreamWriter(file);
        await writer.WriteAsync(text.AsMemory(), cancellationToken).ConfigureAwait(false);
    }
}
