namespace Api.Apis.Contracts;

public sealed record PingResponse(string Status)
{
    public static readonly PingResponse Ok = new("ok");
}
