namespace Lineage.Model;

public sealed record PageItem<T>(T Value, long Key);
