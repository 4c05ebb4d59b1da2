namespace AppHost.Orchestration;

/// <summary>A named part of the application model: a server, a database, a project, an executable.</summary>
public interface IResource
{
    string Name { get; }
}

/// <summary>A resource that others can reference by connection string (<c>ConnectionStrings__{name}</c>).</summary>
public interface IResourceWithConnectionString : IResource
{
    /// <summary>The connection string as a referencing service receives it; null until the resource has its port.</summary>
    string? ConnectionString { get; }

    /// <summary>Aspire 13's connection properties (HOST, PORT, USERNAME, PASSWORD, URI...), given as <c>{NAME}_{KEY}</c>.</summary>
    IReadOnlyDictionary<string, string> ConnectionProperties { get; }
}

/// <summary>A resource that lives inside another, like a database inside its server.</summary>
public interface IResourceWithParent : IResource
{
    IResource Parent { get; }
}
