namespace Lineage.Lineage;

public enum NodeKind
{
    Run,
    Artifact,
}
