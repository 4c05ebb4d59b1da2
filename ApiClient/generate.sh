#!/usr/bin/env bash
# Generates the C# client (ApiClient/Generated/) from the committed OpenAPI document (Api/openapi.json, which the
# Api's build writes) with Kiota, at the version the tool manifest pins (.config/dotnet-tools.json). Run it after a
# change to the API's contract and commit both; Tests/Api/ApiClientGenerationTests fails while they disagree.
# Usage: ApiClient/generate.sh [output folder, default ApiClient/Generated]
set -euo pipefail
cd "$(dirname "$0")/.."
output="${1:-ApiClient/Generated}"

dotnet tool restore >/dev/null
# JSON only: the API speaks nothing else, and the client then needs only the JSON serialization package.
KIOTA_CLI_TELEMETRY_OPTOUT=true dotnet tool run kiota generate \
  --language CSharp \
  --openapi Api/openapi.json \
  --class-name SaasApiClient \
  --namespace-name SaasApi.Client \
  --serializer Microsoft.Kiota.Serialization.Json.JsonSerializationWriterFactory \
  --deserializer Microsoft.Kiota.Serialization.Json.JsonParseNodeFactory \
  --structured-mime-types application/json \
  --exclude-backward-compatible \
  --output "$output" \
  --clean-output >/dev/null
# Kiota's own log of this run (an update check it cannot make offline, the relative server): not part of the client.
rm -f "$output/.kiota.log"
echo "Generated the client in $output"
