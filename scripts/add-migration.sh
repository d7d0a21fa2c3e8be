#!/usr/bin/env bash
# Adds an EF Core migration named NAME for both database providers, from the current model in
# src/BladderLnAi.Data: SQLite into src/BladderLnAi.Data.Sqlite/Migrations and PostgreSQL into
# src/BladderLnAi.Data.PostgreSql/Migrations. The hosts apply pending migrations at start, and
# `bladderln db migrate` applies them without starting a host.
# Usage: scripts/add-migration.sh NAME        (for example: scripts/add-migration.sh AddCaseReview)
#        scripts/add-migration.sh --initial   (deletes both folders and creates one migration, InitialCreate)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -ne 1 ]]; then
    echo "Usage: $0 NAME | --initial" >&2
    exit 2
fi

name="$1"
if [[ "$name" == "--initial" ]]; then
    rm -rf src/BladderLnAi.Data.Sqlite/Migrations src/BladderLnAi.Data.PostgreSql/Migrations
    name="InitialCreate"
elif [[ ! "$name" =~ ^[A-Z][A-Za-z0-9]*$ ]]; then
    echo "Migration name '$name' is invalid: use PascalCase letters and digits, such as AddCaseReview." >&2
    exit 2
fi

dotnet tool restore >/dev/null
for provider in Sqlite PostgreSql; do
    project="src/BladderLnAi.Data.$provider"
    echo "Adding migration $name for $provider in $project/Migrations"
    dotnet tool run dotnet-ef migrations add "$name" \
        --project "$project" --startup-project "$project" --output-dir Migrations
done
