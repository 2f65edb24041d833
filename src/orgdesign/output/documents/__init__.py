"""Document writers: role cards (Markdown, HTML, Word), catalogues and the scenario pack."""
