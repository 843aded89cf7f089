"""The shop's model: aggregates, events, commands, their handlers and errors. No SQL, no Qt."""
