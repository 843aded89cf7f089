"""Recording a session: the input filter, what the user saw, the tape of clock and ids."""
