namespace Api.Problems;

// Collects every field error of a request so the client fixes them all in one round trip.
internal sealed class ValidationErrors
{
    private readonly Dictionary<string, string[]> errors = [];

    public bool Any => errors.Count > 0;

    public void Add(string field, string message) =>
        errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    public ProblemHttpResult ToProblem() => Problem.Invalid(errors);
}
