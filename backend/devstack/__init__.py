"""The development harness: the stack topology and process control used by `make stack`,
the multi-process tests, the e2e suite and the benchmark.

Not part of the deployable `inkwell` package (the Docker image leaves it out); installed
editable beside it (`make install`) so tests, e2e and bench import it by name.
"""
