#!/bin/sh
# Register figwatch's deployments with the Prefect server, then run them with a process worker.
set -eu
figwatch db upgrade --config /app/docker/figwatch.toml
prefect work-pool inspect "$FIGWATCH_POOL" >/dev/null 2>&1 || prefect work-pool create "$FIGWATCH_POOL" --type process
cd /app
prefect --no-prompt deploy --all
exec prefect worker start --pool "$FIGWATCH_POOL"
