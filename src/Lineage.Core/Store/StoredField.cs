namespace Lineage.Store;

/// <summary>
/// A field a store keeps exactly as given, by its name in the model: what a command says about the
/// thing it creates (a job type, a config, a description), as opposed to what the store works out
/// itself (ids, numbers, creation). A store writes each under its own spelling of the name, so a
/// new such field is declared in its command and record alone. Names are the model's own
/// literals, never a caller's input.
/// </summary>
public readonly record struct StoredField(string Name, object? Value);
