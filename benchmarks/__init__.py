"""Speed and memory benchmarks of the search layer (scripts, not tests): `python -m benchmarks`
or `python -m bot bench`."""
