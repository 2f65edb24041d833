"""Checking: the rule engine, the rules by family and their documentation."""
