#!/usr/bin/env bash
# Serves the MinerPivot dashboard with demo data at http://127.0.0.1:5080.
# Any argument passes through to the app, e.g. ./run.sh --urls http://0.0.0.0:8080 --MinerPivot:SeedDemoData=false
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
require_dotnet
ensure_postgres

export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:5080}"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build src/MinerPivot.Web -c Release -nologo -v quiet
echo "MinerPivot is starting at ${ASPNETCORE_URLS} (Ctrl+C stops it; the first start prints the admin password)."
exec dotnet run --project src/MinerPivot.Web -c Release --no-build --no-launch-profile -- "$@"
