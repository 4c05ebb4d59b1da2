namespace AppHost.Orchestration;

/// <summary>
/// Publish mode (<c>--publisher manifest|compose --output-path X</c>): writes the deployment files for the model
/// and exits, without starting any resource, creating state or generating local secrets.
/// </summary>
internal static class Publisher
{
    public const int UserErrorExitCode = 2;

    /// <summary>
    /// Null when the arguments ask for a normal run. Otherwise publishes and returns the process exit code: 0 when
    /// written, 2 with one line on stderr when the request cannot be done.
    /// </summary>
    public static int? TryPublish(IReadOnlyList<string> args, IReadOnlyList<IResource> resources, string appHostDirectory, TextWriter output, TextWriter errors)
    {
        try
        {
            if (PublishRequest.Parse(args, Directory.GetCurrentDirectory()) is not { } request)
            {
                return null;
            }

            var model = new PublishedModel(resources, appHostDirectory);
            switch (request.Publisher)
            {
                case PublisherKind.Manifest:
                    EnsureFolderOf(request.OutputPath);
                    ManifestWriter.Write(model, request.OutputPath);
                    output.WriteLine($"apphost: wrote the deployment manifest to {request.OutputPath}");
                    break;
                case PublisherKind.Compose:
                    ComposeWriter.Write(model, request.OutputPath);
                    output.WriteLine($"apphost: wrote {ComposeWriter.ComposeFileName} and {EnvFile.FileName} to {request.OutputPath}");
                    break;
            }

            return 0;
        }
        catch (PublishingException error)
        {
            errors.WriteLine($"apphost: {error.Message}");
            return UserErrorExitCode;
        }
    }

    private static void EnsureFolderOf(string file)
    {
        var folder = Path.GetDirectoryName(file)!;
        if (File.Exists(folder))
        {
            throw new PublishingException($"cannot write {file}: {folder} is a file, not a folder.");
        }

        if (!Directory.Exists(folder))
        {
            throw new PublishingException($"cannot write {file}: the folder {folder} does not exist.");
        }
    }
}
