#!/usr/bin/env bash
# Wall time of the worker path and of commands against the local AppHost's (up-to-date) database, 5 runs each.
# Needs `dotnet run --project AppHost` running with PostgreSQL as a local process (its data in AppHost/.state/postgres)
# and `dotnet build MigrationService` done. BASELINE_DLL: a MigrationService.dll built from an earlier commit
# (e.g. `git archive 64bca10 | tar -x -C /tmp/base && dotnet build /tmp/base/MigrationService`).
# The connection is found as the db commands find it (MigrationService/Targets/LocalAppHostDatabase.cs): the port from
# PostgreSQL's postmaster.pid, the password from Aspire's generated parameter in the AppHost's user secrets.
set -eu
cd "$(dirname "$0")/../.."
DLL=MigrationService/bin/Debug/net10.0/MigrationService.dll
SECRETS_ID=$(sed -n 's:.*<UserSecretsId>\(.*\)</UserSecretsId>.*:\1:p' AppHost/AppHost.csproj)
PW=$(python3 -c "import json,sys;print(json.load(open(sys.argv[1],encoding='utf-8-sig'))['Parameters:postgres-password'])" "$HOME/.microsoft/usersecrets/$SECRETS_ID/secrets.json")
PORT=$(sed -n 4p AppHost/.state/postgres/data/postmaster.pid)
set +e
CS="Host=localhost;Port=$PORT;Username=postgres;Password=$PW;Database=appdb"
# A run that fails is timed too, so each line says how many failed (a failing command is usually much faster).
run() { local name=$1; shift; local total=0 failed=0; for i in 1 2 3 4 5; do s=$(date +%s%N); "$@" >/dev/null 2>&1 || failed=$((failed + 1)); e=$(date +%s%N); total=$((total + (e-s)/1000000)); done; echo "$name: mean $((total/5)) ms over 5 runs$([ $failed -gt 0 ] && echo " ($failed failed)")"; }
if [ -n "${BASELINE_DLL:-}" ]; then
  run "baseline worker ($BASELINE_DLL, no command)" env ConnectionStrings__appdb="$CS" DOTNET_ENVIRONMENT=Development dotnet "$BASELINE_DLL"
fi
run "worker (no command)" env ConnectionStrings__appdb="$CS" DOTNET_ENVIRONMENT=Development dotnet $DLL
run "migrate (up to date)" dotnet $DLL migrate
run "check (clean)" dotnet $DLL check
run "--help" dotnet $DLL --help
