"""Domain knowledge: the four archetypes and where the marketing function sits."""
