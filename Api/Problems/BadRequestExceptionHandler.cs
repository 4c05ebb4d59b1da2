using Microsoft.AspNetCore.Mvc;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Api.Problems;

// Malformed JSON, wrong types, unknown fields, missing required fields and oversized bodies are the
// client's mistakes: they get a 4xx naming the field, never a 500 or the serializer's internals.
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        httpContext.Response.StatusCode = badRequest.StatusCode;
        var problem = Describe(badRequest);
        problem.Status = badRequest.StatusCode;

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static ProblemDetails Describe(BadHttpRequestException badRequest)
    {
        if (FindInner<JsonException>(badRequest) is not { } json)
        {
            // Route and query binding failures: the framework's message names the parameter and the value.
            return new ProblemDetails
            {
                Detail = badRequest.Message.Contains("no body was provided", StringComparison.Ordinal)
                    ? "Send a JSON object as the request body, with Content-Type: application/json."
                    : badRequest.Message,
            };
        }

        var field = string.IsNullOrEmpty(json.Path) ? "$" : json.Path;
        var message = json.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"'{field}' is not a field of this request. Remove it."
            : json.Message.Contains("missing required properties", StringComparison.Ordinal)
                ? "A required field is missing. " + RequiredNames(json.Message)
                : json.Message.Contains("null values", StringComparison.Ordinal)
                    ? $"'{field}' must not be null."
                    : $"Not valid JSON, or not the documented type, at '{field}'.";

        return new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Title = "The request body is not valid.",
        };
    }

    // System.Text.Json lists the missing members as "...: 'email', 'password'."; keep only that list.
    private static string RequiredNames(string message)
    {
        var colon = message.LastIndexOf(": ", StringComparison.Ordinal);
        return colon < 0 ? string.Empty : "Missing: " + message[(colon + 2)..].Split(" Path:")[0].TrimEnd('.') + ".";
    }

    private static T? FindInner<T>(Exception exception)
        where T : Exception
    {
        for (var current = exception.InnerException; current is not null; current = current.InnerException)
        {
            if (current is T found)
            {
                return found;
            }
        }

        return null;
    }
}
