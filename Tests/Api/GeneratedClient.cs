using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using SaasApi.Client;

namespace Tests.Api;

/// <summary>
/// The client Kiota generates from Api/openapi.json (ApiClient/), on an HttpClient whose base address is the API:
/// all it needs from the test harness. Anonymous, or as a user with the bearer token sign-up or sign-in returned.
/// </summary>
internal static class GeneratedClient
{
    public static SaasApiClient Anonymous(HttpClient http) => Create(http, new AnonymousAuthenticationProvider());

    public static SaasApiClient As(HttpClient http, string token) =>
        Create(http, new BaseBearerTokenAuthenticationProvider(new SessionToken(token, http.BaseAddress!.Host)));

    // The document's server is relative ("/"), so the base URL is the HttpClient's.
    private static SaasApiClient Create(HttpClient http, IAuthenticationProvider authentication) =>
        new(new HttpClientRequestAdapter(authentication, httpClient: http) { BaseUrl = http.BaseAddress!.ToString().TrimEnd('/') });

    // The API's tokens are opaque and long-lived: one per signed-in user, given to the API's own host only.
    private sealed class SessionToken(string token, string host) : IAccessTokenProvider
    {
        public AllowedHostsValidator AllowedHostsValidator { get; } = new([host]);

        public Task<string> GetAuthorizationTokenAsync(Uri uri, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(AllowedHostsValidator.IsUrlHostValid(uri) ? token : string.Empty);
    }
}
