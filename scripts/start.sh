#!/usr/bin/env bash
# Installs what is missing and starts BladderLnAi on its embedded defaults: SQLite in ./data, the slides in
# ../shared/data/slides when present (else the bundled sample slide), and the bundled model.
# Usage: scripts/start.sh [URL]   (default URL: http://127.0.0.1:5000)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
url="${1:-http://127.0.0.1:5000}"
echo "Starting BladderLnAi on $url (Ctrl+C stops it)"
exec dotnet run -c Release --project src/BladderLnAi.Web -- --urls "$url"
