# The worker image: Prefect's pinned image with figwatch and its pins installed at build time.
FROM prefecthq/prefect:3.8.8-python3.11
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends procps && rm -rf /var/lib/apt/lists/*
COPY pyproject.toml README.md ./
COPY figwatch ./figwatch
COPY extractors ./extractors
COPY alerts ./alerts
COPY report ./report
COPY flows ./flows
RUN pip install --no-cache-dir .
COPY seeds ./seeds
COPY docker ./docker
COPY prefect.yaml ./
ENV PREFECT_SERVER_ANALYTICS_ENABLED=false FIGWATCH_HOME=/data
CMD ["/app/docker/worker-entrypoint.sh"]
