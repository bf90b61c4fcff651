"""figwatch benchmarks, run as modules (`python -m bench.run`)."""
