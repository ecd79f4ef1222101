#!/usr/bin/env bash
# Publishes MinerPivot (Release) to artifacts/app and serves it in Production with demo data at http://127.0.0.1:5080.
# Any argument passes through to the app, e.g. ./run.sh --urls http://0.0.0.0:8080 --MinerPivot:SeedDemoData=false
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
require_dotnet
ensure_postgres

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
app_dir="$PWD/artifacts/app"
echo "Publishing MinerPivot to ${app_dir} (Release)…"
publish_app "$app_dir"

# The published app, as the Docker image runs it: Production, its own folder as content root (wwwroot, demo data).
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Production}"
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
echo "Starting MinerPivot (Ctrl+C stops it). The first start prints the admin's email and password below."
exec dotnet "$app_dir/MinerPivot.Web.dll" --contentRoot "$app_dir" "$@"
