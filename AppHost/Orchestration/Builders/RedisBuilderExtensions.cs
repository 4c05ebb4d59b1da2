namespace AppHost.Orchestration;

public static class RedisBuilderExtensions
{
    /// <summary>A Redis-compatible cache with a generated <c>{name}-password</c> (letters and digits only).</summary>
    public static IResourceBuilder<RedisResource> AddRedis(this DistributedApplicationBuilder builder, string name, int? port = null)
    {
        var password = new SecretParameter($"{name}-password", allowSpecialCharacters: false);
        return builder.AddResource(new RedisResource(name, password, port));
    }
}
