#!/usr/bin/env bash
# Wall time of the worker path and of commands against the local AppHost's (up-to-date) database, 5 runs each.
# Needs `dotnet run --project AppHost` running and `dotnet build MigrationService` done. BASELINE_DLL: a MigrationService.dll
# built from an earlier commit (e.g. `git archive 64bca10 | tar -x -C /tmp/base && dotnet build /tmp/base/MigrationService`).
set -u
cd "$(dirname "$0")/../.."
DLL=MigrationService/bin/Debug/net10.0/MigrationService.dll
PW=$(python3 -c "import json;print(json.load(open('AppHost/.state/secrets.json'))['postgres-password'])")
PORT=$(sed -n 4p AppHost/.state/postgres/data/postmaster.pid)
CS="Host=localhost;Port=$PORT;Username=postgres;Password=$PW;Database=appdb"
run() { local name=$1; shift; local total=0; for i in 1 2 3 4 5; do s=$(date +%s%N); "$@" >/dev/null 2>&1; e=$(date +%s%N); total=$((total + (e-s)/1000000)); done; echo "$name: mean $((total/5)) ms over 5 runs"; }
if [ -n "${BASELINE_DLL:-}" ]; then
  run "baseline worker ($BASELINE_DLL, no command)" env ConnectionStrings__appdb="$CS" DOTNET_ENVIRONMENT=Development dotnet "$BASELINE_DLL"
fi
run "worker (no command)" env ConnectionStrings__appdb="$CS" DOTNET_ENVIRONMENT=Development dotnet $DLL
run "migrate (up to date)" dotnet $DLL migrate
run "check (clean)" dotnet $DLL check
run "--help" dotnet $DLL --help
