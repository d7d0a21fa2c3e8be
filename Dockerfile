# BladderLnAi: one image for every role. The first argument or BLADDERLN_ROLE picks it: `web` (default) serves
# the site on port 8080, `worker` runs analyses from RabbitMQ, `bladderln` runs the command line (for example
# `bladderln db migrate` or `bladderln db copy`). CPU inference by default; for CUDA, base the final stage on an
# image with the CUDA 13 and cuDNN libraries and set Analysis__Device=Cuda. In Production the OpenID Connect
# certificates must be mounted and named with OpenIdConnect__SigningCertificatePath and
# OpenIdConnect__EncryptionCertificatePath (and their passwords); see the README.
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/BladderLnAi.Web -c Release -o /app \
    && dotnet publish src/BladderLnAi.Worker -c Release -o /app \
    && dotnet publish src/BladderLnAi.Cli -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0-bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends libopenslide0 \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /app .
COPY appsettings.json ./
COPY wwwroot/ ./wwwroot/
COPY models/ ./models/
COPY samples/ ./samples/
COPY scripts/docker-entrypoint.sh /usr/local/bin/bladderln-entrypoint
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data
# /data is the shared storage of a scaled-out installation: every web host and worker mounts the same volume.
VOLUME ["/data", "/slides"]
EXPOSE 8080
# Slides are read from /slides; when it is empty the bundled sample slide is served.
ENTRYPOINT ["bladderln-entrypoint"]
CMD ["web"]
