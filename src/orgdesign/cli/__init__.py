"""The command line: typer application, commands and the interrupt policy."""
