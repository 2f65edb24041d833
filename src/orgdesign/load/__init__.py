"""Loading: files read safely and parsed into positioned YAML, the per-file cache, configuration."""
