#!/usr/bin/env bash
# Installs what is missing and runs every test: unit, integration (in-memory host, SignalR), component
# (bUnit), browser (Playwright driving Debian's Chromium) and scale-out (scripts/scaleout-test.sh: web hosts
# and workers against real RabbitMQ, Redis and PostgreSQL servers). The real sample slides are read from
# ../shared/data/slides, or from BLADDERLN_SAMPLE_SLIDES when set.
# Usage: scripts/test.sh [extra dotnet test arguments, e.g. --filter Category=Integration]
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-system-packages.sh --with-tests
export BLADDERLN_SCREENSHOTS="${BLADDERLN_SCREENSHOTS:-$PWD/artifacts/screenshots}"
dotnet build BladderLnAi.sln -c Release

# The projects run one after another: several analyses at once would only compete for the CPU.
log=$(mktemp)
status=0
for project in tests/*/*.Tests.csproj; do
    # The scale-out tests need their servers, which scripts/scaleout-test.sh starts and stops around them.
    [[ "$project" == *ScaleOut* ]] && continue
    dotnet test "$project" -c Release --no-build "$@" 2>&1 | tee -a "$log" || status=1
done
if [[ $# -eq 0 ]]; then
    scripts/scaleout-test.sh --no-build 2>&1 | tee -a "$log" || status=1
fi

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{sum += $2} END {print sum + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{sum += $2} END {print sum + 0}')
rm -f "$log"
echo "Tests: $passed passed, $failed failed"
exit "$status"
