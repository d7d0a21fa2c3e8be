#!/usr/bin/env bash
# Installs what is missing and starts BladderLnAi on its embedded defaults: SQLite in ./data, the slides in
# ../shared/data/slides when present (else the bundled sample slide), the bundled model, and on first start
# a demo site with one account per role whose passwords are printed once to the log.
# Usage: scripts/start.sh [URL]   (default URL: http://127.0.0.1:5000)
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh
url="${1:-http://127.0.0.1:5000}"
echo "Starting BladderLnAi on $url (Ctrl+C stops it)"
# Development keeps the sign-in cookie usable over plain HTTP on this machine; production needs HTTPS.
exec dotnet run -c Release --project src/BladderLnAi.Web -- --urls "$url" --environment Development \
    --Identity:SeedDemoAccounts=true
