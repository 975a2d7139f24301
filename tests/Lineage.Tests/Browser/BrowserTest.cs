using Microsoft.Playwright;

namespace Lineage.Tests.Browser;

/// <summary>
/// A class of browser tests sharing one <see cref="BrowserFixture"/>: an uncaught error in the
/// page fails the test that caused it, whatever it asserted.
/// </summary>
public abstract class BrowserTest : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    protected BrowserTest(BrowserFixture fixture)
    {
        Fixture = fixture;
    }

    protected BrowserFixture Fixture { get; }

    public ValueTask InitializeAsync()
    {
        Fixture.TakePageErrors();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        var errors = Fixture.TakePageErrors();
        Assert.True(errors.Count == 0, "the page threw:\n" + string.Join('\n', errors));
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }

    /// <summary>Waits until the explorer says it has drawn the graph of the page's current address.</summary>
    protected static Task GraphReadyAsync(IPage page) =>
        page.WaitForFunctionAsync("() => { const g = document.getElementById('graph'); return g && g.dataset.ready === 'true' && g.dataset.view === location.hash; }");
}
