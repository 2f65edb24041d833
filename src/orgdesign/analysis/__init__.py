"""Analysis of organisations: figures (`stats`), what changed (`diff`), HR system import/export.

Each module owns one use case and works on loaded `Org` objects and their
`OrgGraph`; the command line lives in `orgdesign.cli.commands.analysis`. Nothing
below this package (loader, model, graph, engine, rules) imports it.
"""
