#!/bin/sh
# Register figwatch's deployments with the Prefect server, then run them with a process worker.
set -eu
figwatch db upgrade --config /app/docker/figwatch.toml
# The schedule is written once, in figwatch.toml's [schedule]; prefect.yaml reads these variables.
schedule="$(python /app/docker/schedule_env.py /app/docker/figwatch.toml)"
eval "$schedule"
prefect work-pool inspect "$FIGWATCH_POOL" >/dev/null 2>&1 || prefect work-pool create "$FIGWATCH_POOL" --type process
cd /app
prefect --no-prompt deploy --all
exec prefect worker start --pool "$FIGWATCH_POOL"
