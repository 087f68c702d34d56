"""Subcommands of the `newsgraph` CLI, one module per group (see cli.COMMANDS)."""
