"""`python -m benchmarks`: speed figures as medians, with ratios to a baseline from the same run."""
