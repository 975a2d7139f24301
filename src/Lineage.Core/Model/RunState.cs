namespace Lineage.Model;

public enum RunState
{
    Running,
    Finished,
    Failed,
    Crashed,
}
