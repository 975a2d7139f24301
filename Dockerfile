# The Lineage server. Built by docker-compose.yml; runs on SQLite unless LINEAGE_STORE says neo4j.

# The web page, built with Node into src/Lineage.Server/wwwroot.
FROM node:22-bookworm-slim AS web
WORKDIR /source/src/Lineage.Web
COPY src/Lineage.Web/package.json src/Lineage.Web/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY src/Lineage.Web/ ./
RUN npm run build

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY cypher/ cypher/
COPY src/ src/
COPY --from=web /source/src/Lineage.Server/wwwroot/ src/Lineage.Server/wwwroot/
RUN dotnet publish src/Lineage.Server -c Release -o /app -p:SkipWebBuild=true

FROM mcr.microsoft.com/dotnet/aspnet:10.0
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://0.0.0.0:5000 \
    LINEAGE_DATA_DIR=/data \
    DOTNET_GCgen0size=0x2000000
VOLUME /data
EXPOSE 5000
HEALTHCHECK --interval=5s --timeout=3s --start-period=10s --retries=12 CMD curl -fsS http://localhost:5000/healthz || exit 1
ENTRYPOINT ["dotnet", "Lineage.Server.dll"]
