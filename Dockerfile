# BladderLnAi web host. CPU inference by default; for CUDA, base the final stage on an image with the
# CUDA 13 and cuDNN libraries and set Analysis__Device=Cuda. In Production the OpenID Connect certificates
# must be mounted and named with OpenIdConnect__SigningCertificatePath and OpenIdConnect__EncryptionCertificatePath
# (and their passwords); see the README.
FROM mcr.microsoft.com/dotnet/sdk:10.0-bookworm-slim AS build
WORKDIR /source
COPY . .
RUN dotnet publish src/BladderLnAi.Web -c Release -o /app

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
ENV ASPNETCORE_URLS=http://+:8080 \
    Storage__DataDirectory=/data
VOLUME ["/data", "/slides"]
EXPOSE 8080
# Slides are read from /slides; when it is empty the bundled sample slide is served.
ENTRYPOINT ["dotnet", "BladderLnAi.Web.dll", "--Slides:Folders:0=/slides"]
