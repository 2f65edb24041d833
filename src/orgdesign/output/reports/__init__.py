"""Report writers: the figures of `stats` and the changes of `diff` as text, Markdown, JSON,
CSV, terminal tables and a change chart. Each module writes what `orgdesign.analysis`
computed; the fixed wording is in the one catalogue (`i18n/messages/stats.yaml`, `diff.yaml`)."""
