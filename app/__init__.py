"""The desktop app: Qt widgets, the command-line entry point, and the bootstrap that wires it."""
