"""Assembly: one organisation from its root file, includes and catalogues; its graph and targets."""
