namespace Lineage.Store;

/// <summary>
/// A field a store keeps exactly as given, by its name in the model: what a command says about the
/// thing it creates (a description, a config) and no query filters on. A store writes each under its
/// own spelling of the name, so a new such field is declared in its command and record alone.
/// </summary>
public readonly record struct StoredField(string Name, object? Value);
