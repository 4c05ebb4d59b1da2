using Api.Apis;
using Api.Extensions;

var builder = WebApplication.CreateBuilder(args);

// A bare `dotnet run` outside the AppHost gets one line saying what is missing, not a stack trace.
if (!RequiredConnectionStrings.AreSet(builder.Configuration, Console.Error))
{
    return 1;
}

builder.AddServiceDefaults();
builder.AddApplicationServices();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapDiagnosticsApi();
app.MapOrganizationsApi();

app.Run();

return 0;
