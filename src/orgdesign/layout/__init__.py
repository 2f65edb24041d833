"""Org-chart layout: the geometry every chart surface draws.

This package owns where boxes, lines, unit frames and labels go, on one
drawing or on pages of real paper. Its output is the plain data of
`orgdesign.layout.model`; writers in `orgdesign.output` only draw it.
"""
