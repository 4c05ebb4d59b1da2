using SaasApi.Client.Models;

namespace Tests.Api;

/// <summary>
/// The status of a generated-client call that may be refused: null when it succeeded, the problem's status when the
/// API answered with one. Anything else (a 5xx, which the document declares no schema for) still fails the test.
/// </summary>
internal static class ProblemStatus
{
    public static async Task<int?> OfAsync(Task call)
    {
        try
        {
            await call;
            return null;
        }
        catch (ProblemDetails problem)
        {
            return problem.Status;
        }
    }
}
