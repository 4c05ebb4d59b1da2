using System.Text.Json.Nodes;

namespace AppHost.Orchestration;

/// <summary>
/// Each resource of the model in the manifest's shapes, the ones azd accepts: servers as <c>container.v0</c>, a
/// database as <c>value.v0</c>, generated secrets and existing servers' connection strings as <c>parameter.v0</c>,
/// projects as <c>project.v0</c>.
/// </summary>
internal sealed class ManifestResources(PublishedModel model, string manifestDirectory)
{
    private readonly ManifestReferenceValues values = new();

    public IEnumerable<KeyValuePair<string, JsonNode?>> Describe(IResource resource) => resource switch
    {
        PostgresServerResource server => [Entry(server.Name, Postgres(server)), .. Secret(server.Password)],
        PostgresDatabaseResource database => [Entry(database.Name, Database(database))],
        RedisResource cache => [Entry(cache.Name, Redis(cache)), .. Secret(cache.Password)],
        ConnectionStringResource connection => [Entry(connection.Name, ExistingConnectionString(connection))],
        ProjectResource project => [Entry(project.Name, Project(project))],
        _ => throw new PublishingException($"{resource} has no deployment shape."),
    };

    private static KeyValuePair<string, JsonNode?> Entry(string name, JsonObject resource) => new(name, resource);

    private JsonObject Postgres(PostgresServerResource server)
    {
        var shape = new JsonObject
        {
            ["type"] = "container.v0",
            ["connectionString"] = server.FormatConnectionString(ManifestExpressions.PartsOf(server, server.Password)),
            ["image"] = ServerContainers.PostgresImage,
            ["env"] = Strings(ServerContainers.PostgresEnvironment(server, ManifestExpressions.Value(server.Password.Name))),
            ["bindings"] = new JsonObject { [ManifestExpressions.TcpBinding] = TcpBinding("tcp", ServerContainers.PostgresPort) },
        };
        if (server.PersistData)
        {
            shape["volumes"] = new JsonArray(new JsonObject
            {
                ["name"] = model.VolumeName(server),
                ["target"] = ServerContainers.PostgresDataPath,
                ["readOnly"] = false,
            });
        }

        return shape;
    }

    private static JsonObject Database(PostgresDatabaseResource database) => new()
    {
        ["type"] = "value.v0",
        ["connectionString"] = database.WithDatabase(ManifestExpressions.ConnectionString(database.Server)),
    };

    private static JsonObject Redis(RedisResource cache) => new()
    {
        ["type"] = "container.v0",
        ["connectionString"] = RedisResource.FormatConnectionString(ManifestExpressions.PartsOf(cache, cache.Password)),
        ["image"] = ServerContainers.RedisImage,
        ["entrypoint"] = ServerContainers.RedisEntrypoint,
        ["args"] = new JsonArray([.. ServerContainers.RedisArgs("$" + ServerContainers.RedisPasswordVariable).Select(a => JsonValue.Create(a))]),
        ["env"] = new JsonObject { [ServerContainers.RedisPasswordVariable] = ManifestExpressions.Value(cache.Password.Name) },
        ["bindings"] = new JsonObject { [ManifestExpressions.TcpBinding] = TcpBinding("redis", ServerContainers.RedisPort) },
    };

    /// <summary>azd generates the value once per environment (and keeps it), as the engine does in the state folder.</summary>
    private static IEnumerable<KeyValuePair<string, JsonNode?>> Secret(SecretParameter secret)
    {
        var generate = new JsonObject { ["minLength"] = 22 };
        if (!secret.AllowSpecialCharacters)
        {
            generate["special"] = false;
        }

        yield return Entry(secret.Name, new JsonObject
        {
            ["type"] = "parameter.v0",
            ["value"] = ManifestExpressions.InputValue(secret.Name),
            ["inputs"] = new JsonObject
            {
                ["value"] = new JsonObject { ["type"] = "string", ["secret"] = true, ["default"] = new JsonObject { ["generate"] = generate } },
            },
        });

        // Generated passwords may hold characters a URI must escape; the URI connection properties use this form.
        yield return Entry(ManifestExpressions.UriEncodedName(secret), new JsonObject
        {
            ["type"] = "annotated.string",
            ["value"] = ManifestExpressions.Value(secret.Name),
            ["filter"] = "uri",
        });
    }

    /// <summary>An existing server: azd asks for the connection string (a secret) when the environment is provisioned.</summary>
    private static JsonObject ExistingConnectionString(ConnectionStringResource connection) => new()
    {
        ["type"] = "parameter.v0",
        ["connectionString"] = ManifestExpressions.Value(connection.Name),
        ["value"] = ManifestExpressions.InputValue(connection.Name),
        ["inputs"] = new JsonObject { ["value"] = new JsonObject { ["type"] = "string", ["secret"] = true } },
    };

    private JsonObject Project(ProjectResource project)
    {
        var hasHttp = model.HasHttpBinding(project);
        var environment = ServiceEnvironment.ForDeployment(
            project, values, hasHttp ? ManifestExpressions.Binding(project, ManifestExpressions.HttpBinding, "targetPort") : null);
        if (model.IsRunOnce(project))
        {
            environment[PublishedModel.KeepAliveVariable] = "true";
        }

        var shape = new JsonObject
        {
            ["type"] = "project.v0",
            ["path"] = Path.GetRelativePath(manifestDirectory, project.Metadata.ProjectPath),
            ["env"] = Strings(environment),
        };
        if (hasHttp)
        {
            var binding = new JsonObject { ["scheme"] = "http", ["protocol"] = "tcp", ["transport"] = "http" };
            if (project.ExternalHttpEndpoints)
            {
                binding["external"] = true;
            }

            shape["bindings"] = new JsonObject { [ManifestExpressions.HttpBinding] = binding };
        }

        return shape;
    }

    private static JsonObject TcpBinding(string scheme, int targetPort) => new()
    {
        ["scheme"] = scheme,
        ["protocol"] = "tcp",
        ["transport"] = "tcp",
        ["targetPort"] = targetPort,
    };

    private static JsonObject Strings(IEnumerable<KeyValuePair<string, string>> values) =>
        new(values.Select(v => new KeyValuePair<string, JsonNode?>(v.Key, v.Value)));
}
