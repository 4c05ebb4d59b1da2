using Api.Apis;
using Api.Auth;
using Api.Extensions;
using Api.OpenApi;
using Api.Problems;

var builder = WebApplication.CreateBuilder(args);

// A bare `dotnet run` outside the AppHost, or a mistyped connection string, gets one line saying what is wrong, not a stack trace.
if (!BuildTimeDocument.IsBeingGenerated && !RequiredConnectionStrings.AreUsable(builder.Configuration, Console.Error))
{
    return 1;
}

builder.AddServiceDefaults();
builder.AddApplicationServices();
builder.AddApiProblems();
builder.AddApiAuth();
builder.AddApiReference();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();

app.MapDefaultEndpoints();
app.MapApiReference();
app.MapApis();

app.Run();

return 0;
