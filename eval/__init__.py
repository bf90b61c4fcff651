"""Extractor evaluation: the scorer, the suites' scoreboard, the real-page rounds."""
