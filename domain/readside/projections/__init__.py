"""Read models (the query side). Each projection has a name and a version, keeps its own tables
(`<name>_v<version>_<table>`) and a checkpoint, and can be rebuilt from the log at any time."""
