"""Benchmarks: `python -m bench` runs every module here that defines main(); each prints its own figures."""
