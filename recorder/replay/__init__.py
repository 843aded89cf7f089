"""Replaying a recording: driving the real widgets, the state machine, the verdict, the viewer."""
