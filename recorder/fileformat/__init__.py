"""The `*.shoprec` file: its tables, checking untrusted files, upgrading, exporting one."""
