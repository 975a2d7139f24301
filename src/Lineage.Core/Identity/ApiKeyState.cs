namespace Lineage.Identity;

public enum ApiKeyState
{
    Active,
    Expired,
    Revoked,
}
