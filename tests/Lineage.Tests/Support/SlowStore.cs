using System.Reflection;
namespace Lineage.Tests.Support;

/// <summary>
/// The real store behind a delay on every call, for testing what happens when a request
/// outlives its time budget. The delay honours cancellation, as real I/O does.
/// </summary>
public class SlowStore : DispatchProxy
{
    private static readonly MethodInfo DelayThen = typeof(SlowStore).GetMethod(nameof(DelayThenAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private object _inner = null!;
    private TimeSpan _delay;
    private Func<bool> _armed = () => true;

    /// <summary>
    /// The store behind <paramref name="delay"/>, seen through one of its interfaces (reads,
    /// writes, ...); calls made while <paramref name="armed"/> says false (start-up) are not delayed.
    /// </summary>
    public static T Wrap<T>(T inner, TimeSpan delay, Func<bool>? armed = null)
        where T : class
    {
        var proxy = Create<T, SlowStore>();
        var slow = (SlowStore)(object)proxy;
        slow._inner = inner;
        slow._delay = delay;
        slow._armed = armed ?? slow._armed;
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var token = args?.OfType<CancellationToken>().LastOrDefault() ?? CancellationToken.None;
        var resultType = targetMethod.ReturnType.GetGenericArguments()[0];
        return DelayThen.MakeGenericMethod(resultType).Invoke(this, [targetMethod, args, token]);
    }

    private async Task<T> DelayThenAsync<T>(MethodInfo method, object?[]? args, CancellationToken token)
    {
        if (_armed())
        {
            await Task.Delay(_delay, token);
        }

        return await (Task<T>)method.Invoke(_inner, args)!;
    }
}
