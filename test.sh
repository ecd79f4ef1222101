#!/usr/bin/env bash
# Installs what the tests need (PostgreSQL's server programs, Chromium), builds once, runs every test.
# MINERPIVOT_TEST_PG=<connection string> runs the database tests against that server instead of a throwaway cluster.
set -euo pipefail
cd "$(dirname "$0")"
source scripts/prerequisites.sh
require_dotnet
MINERPIVOT_FOR_TESTS=1 ensure_postgres
ensure_chromium

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet build MinerPivot.sln -c Release -nologo -v quiet
# The app-process tests start the published app, as run.sh and the Docker image serve it.
publish_app "$PWD/artifacts/test-app" --no-build
export MINERPIVOT_APP_DIR="$PWD/artifacts/test-app"

log=$(mktemp)
status=0
# One test assembly at a time: the machine has two cores, and each assembly runs its own PostgreSQL.
for project in tests/MinerPivot.Core.Tests tests/MinerPivot.Web.Tests tests/MinerPivot.E2E; do
    echo "== $project"
    dotnet test "$project" -c Release --no-build --nologo 2>&1 | tee -a "$log" || status=1
done

passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo
echo "Tests: ${passed} passed, ${failed} failed"
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then exit 1; fi
