"""Benchmark scripts that combine the demo population, the solver and the app (``make bench``)."""
