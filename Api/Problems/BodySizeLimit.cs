namespace Api.Problems;

// Every request body of this API is a small JSON object; anything larger is refused with 413 before it is read.
internal static class BodySizeLimit
{
    public const long Bytes = 16 * 1024;
}
