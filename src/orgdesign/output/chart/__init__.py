"""Chart writers: SVG/PDF/PNG, DOT, Mermaid, the explorer and the PowerPoint deck."""
