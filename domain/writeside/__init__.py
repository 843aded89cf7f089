"""Commands in: the bus that groups them into transactions, and the unit of work each runs in."""
