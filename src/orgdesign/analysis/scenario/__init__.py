"""Scenarios: alternative organisations written as changes to a base, and proposals for them.

The package owns the scenario file (`spec`, `load`), applying its changes to the
base organisation with findings located at the change that caused them
(`apply`, `validate`), writing organisations and scenarios back to YAML
(`write`), the side-by-side comparison of scenarios (`compare`) and `suggest`,
which proposes moves that bring spans and layers within the targets
(`suggest`, with the optimisation in `solver` and a greedy fallback in
`heuristic`). Compute only: the commands in `orgdesign.cli.commands.scenario` print.
"""
