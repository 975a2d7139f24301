namespace Lineage.Model;

/// <summary>A write that can be part of an ingest batch: creating a run, logging a version, using one.</summary>
#pragma warning disable CA1040 // A marker: the three commands share no members, only the batch they may travel in.
public interface ILineageWrite;
#pragma warning restore CA1040
