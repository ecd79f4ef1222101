# syntax=docker/dockerfile:1
# Build: the SDK image restores and publishes the web app only, as run.sh does (publish_app in scripts/prerequisites.sh);
# the demo dataset (data/demo) is published beside the app as demo-data/.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/MinerPivot.Core/MinerPivot.Core.csproj src/MinerPivot.Core/
COPY src/MinerPivot.Data/MinerPivot.Data.csproj src/MinerPivot.Data/
COPY src/MinerPivot.Web/MinerPivot.Web.csproj src/MinerPivot.Web/
RUN dotnet restore src/MinerPivot.Web/MinerPivot.Web.csproj
COPY src/ src/
COPY data/demo/ data/demo/
RUN dotnet publish src/MinerPivot.Web/MinerPivot.Web.csproj -c Release --no-restore -o /app

# Run: the ASP.NET runtime image, as its unprivileged 'app' user.
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /app/logs && chown "$APP_UID" /app/logs
ENV ASPNETCORE_URLS=http://+:8080 \
    MinerPivot__LogDir=/app/logs
EXPOSE 8080
USER $APP_UID
ENTRYPOINT ["dotnet", "MinerPivot.Web.dll"]
