using Api.Apis.Contracts;
using Api.Auth;
using Api.Data;
using Api.OpenApi;
using Api.Problems;
using Microsoft.EntityFrameworkCore;

namespace Api.Apis;

/// <summary>
/// The signed-in user. GET answers from the row bearer authentication already read on the direct handle
/// (no second query, and a change just made is always seen); PATCH writes through the direct handle.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/users").WithTags(ApiDocumentInfo.Users).RequireAuthorization();

        api.MapGet("/me", GetMe).WithName("getCurrentUser").WithSummary("The signed-in user").WithProblems(401);
        api.MapPatch("/me", UpdateMe).WithName("updateCurrentUser").WithSummary("Change the signed-in user's name or image").WithProblems(400, 401, 413, 415);

        return app;
    }

    public static Ok<UserResponse> GetMe(SignedInUser me) => TypedResults.Ok(ToResponse(me));

    public static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> UpdateMe(
        UpdateUserRequest request,
        SignedInUser me,
        DirectDbContext db,
        TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        if (request is { Name: null, Image: null })
        {
            errors.Add("$", "Send name, image or both.");
        }

        var name = request.Name is null ? me.Name : FieldRules.Name(errors, "name", request.Name);
        var image = request.Image is null ? me.Image : FieldRules.OptionalUrl(errors, "image", request.Image);
        if (errors.Any)
        {
            return errors.ToProblem();
        }

        var storedImage = image is { Length: 0 } ? null : image;
        await db.Users
            .Where(user => user.Id == me.Id)
            .ExecuteUpdateAsync(
                user => user
                    .SetProperty(u => u.Name, name!)
                    .SetProperty(u => u.Image, storedImage)
                    .SetProperty(u => u.UpdatedAt, clock.GetUtcNow()),
                cancellationToken);

        return TypedResults.Ok(ToResponse(me with { Name = name!, Image = storedImage }));
    }

    internal static UserResponse ToResponse(SignedInUser me) =>
        new(me.Id, me.Name, me.Email, me.EmailVerified, me.Image, me.CreatedAt);
}
