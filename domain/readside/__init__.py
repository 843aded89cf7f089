"""The read side: projections following the log, the queries the screens ask, time travel."""
