using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Api.OpenApi;

// What the document says about itself: its title, licence, the tags' descriptions, and its server. The same at build
// time (Api/openapi.json, written by Microsoft.Extensions.ApiDescription.Server) and at run time (/openapi/v1.json):
// nothing here depends on the request or the environment, so OpenApiDocumentTests can compare the two byte for byte.
internal sealed class ApiDocumentInfo : IOpenApiDocumentTransformer
{
    public const string Accounts = "Accounts";
    public const string Users = "Users";
    public const string Organizations = "Organizations";
    public const string Invitations = "Invitations";
    public const string Billing = "Billing";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "SaaS starter API",
            Version = "v1",
            Description = "Accounts, organizations, members, invitations and plans of the SaaS starter. JSON over HTTP; "
                + "errors are RFC 9457 problem details that name the problem and its fix. Sign in (or up), then send "
                + "`Authorization: Bearer {token}`.",
            License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" },
        };

        // Relative: the API's own origin, wherever the document is read from (the AppHost's port, a test's, a deployment's),
        // so that neither the reference page nor a generated client is pointed at a machine it is not on.
        document.Servers = [new OpenApiServer { Url = "/", Description = "The origin this document is served from." }];

        document.Tags = new HashSet<OpenApiTag>
        {
            new() { Name = Accounts, Description = "Sign up, sign in and out, and the current session (bearer tokens)." },
            new() { Name = Users, Description = "The signed-in user's own profile." },
            new() { Name = Organizations, Description = "Organizations, their public profile, and their members." },
            new() { Name = Invitations, Description = "Inviting people to an organization, and answering invitations." },
            new() { Name = Billing, Description = "The plan in force and its limits; in Development, setting a plan without a billing provider." },
        };

        return Task.CompletedTask;
    }
}
