#!/bin/sh
# Starts one role of the BladderLnAi image: the web host (default), an analysis worker, or the bladderln
# command line. The role is the first argument (web, worker or bladderln) or else BLADDERLN_ROLE.
# Examples: docker run bladderln worker
#           docker run -e BLADDERLN_ROLE=worker bladderln
#           docker run bladderln bladderln db migrate --database postgres:"Host=db;..."
set -e
role="${BLADDERLN_ROLE:-web}"
case "${1:-}" in
    web|worker|bladderln)
        role="$1"
        shift
        ;;
esac

case "$role" in
    web) exec dotnet /app/BladderLnAi.Web.dll --Slides:Folders:0=/slides "$@" ;;
    worker) exec dotnet /app/BladderLnAi.Worker.dll "$@" ;;
    bladderln) exec dotnet /app/bladderln.dll "$@" ;;
    *)
        echo "Role '$role' is not valid; use web, worker or bladderln (first argument or BLADDERLN_ROLE)." >&2
        exit 2
        ;;
esac
