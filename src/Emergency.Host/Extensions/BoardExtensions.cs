using Emergency.Host.Board;

namespace Emergency.Host.Extensions;

public static class BoardExtensions
{
    /// <summary>
    /// The board is found wherever the engine is started from: a published engine carries it in <c>wwwroot</c> beside its
    /// binaries; a built one finds it through the static web assets manifest beside them, which ASP.NET reads on its own
    /// only in the Development environment and relative to the working directory otherwise.
    /// </summary>
    public static WebApplicationBuilder ServeBoardFromAnyFolder(this WebApplicationBuilder builder)
    {
        var published = Path.Combine(AppContext.BaseDirectory, "wwwroot");
        if (Directory.Exists(published))
        {
            builder.Environment.WebRootPath = published;
            builder.Environment.WebRootFileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(published);
        }
        else
        {
            builder.WebHost.UseStaticWebAssets();
        }

        return builder;
    }

    /// <summary>This node's relay of case changes to the boards connected here.</summary>
    public static IServiceCollection AddEmergencyBoard(this IServiceCollection services) => services
        .AddSingleton<BoardRelay>()
        .AddHostedService(services => services.GetRequiredService<BoardRelay>());

    /// <summary>The command board: static files under wwwroot, served at "/".</summary>
    public static IApplicationBuilder UseEmergencyBoard(this IApplicationBuilder app) => app
        .UseDefaultFiles()
        .UseStaticFiles();
}
