namespace Api.Apis;

internal static class ApiEndpoints
{
    public static IEndpointRouteBuilder MapApis(this IEndpointRouteBuilder app) => app
        .MapDiagnosticsApi()
        .MapAuthApi()
        .MapUsersApi()
        .MapOrganizationsApi()
        .MapMembersApi()
        .MapInvitationsApi()
        .MapBillingApi()
        .MapDevelopmentPlanApi();
}
