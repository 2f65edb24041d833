"""Table writers: the RACI matrix as Markdown, HTML, CSV and Excel."""
