"""The writers of `raci -o`, `roles -f` and `export -o`: tables and documents."""

from __future__ import annotations

from typing import TYPE_CHECKING

from orgdesign.output.formats import (
    DocumentWriter,
    ExportWriter,
    Format,
    Formats,
    Kind,
    TableWriter,
)

if TYPE_CHECKING:
    pass


# --- raci -o -----------------------------------------------------------------------------------


def _raci_md() -> TableWriter:
    from orgdesign.output.tables.raci import markdown_file

    return markdown_file


def _raci_html() -> TableWriter:
    from orgdesign.output.tables.raci import html_file

    return html_file


def _raci_csv() -> TableWriter:
    from orgdesign.output.tables.raci import csv_file

    return csv_file


def _raci_xlsx() -> TableWriter:
    from orgdesign.output.tables.raci import xlsx_file

    return xlsx_file


TB = Kind.table
RACI: Formats[TableWriter] = Formats(
    "RACI",
    TableWriter,
    (
        Format("md", (".md",), TB, "Markdown table", _raci_md),
        Format("html", (".html",), TB, "web page", _raci_html),
        Format("csv", (".csv",), TB, "CSV (UTF-8 with BOM)", _raci_csv),
        Format("xlsx", (".xlsx",), TB, "Excel workbook set up for printing", _raci_xlsx),
    ),
)


# --- roles -f ----------------------------------------------------------------------------------


def _cards_md() -> DocumentWriter:
    from orgdesign.output.documents.roles import markdown_cards

    return markdown_cards


def _cards_html() -> DocumentWriter:
    from orgdesign.output.documents.roles import html_cards

    return html_cards


def _cards_docx() -> DocumentWriter:
    from orgdesign.output.documents.roles import word_cards

    return word_cards


D = Kind.document
ROLES: Formats[DocumentWriter] = Formats(
    "role card",
    DocumentWriter,
    (
        Format("md", (".md",), D, "Markdown, one file per position and an index", _cards_md),
        Format("html", (".html",), D, "web pages, one per position and an index", _cards_html),
        Format("docx", (".docx",), D, "Word, one per position and role-cards.docx", _cards_docx),
    ),
)


# --- export -o ---------------------------------------------------------------------------------


def _export_table() -> ExportWriter:
    from orgdesign.output.exports import table

    return table


def _export_backstage() -> ExportWriter:
    from orgdesign.output.exports import backstage

    return backstage


def _export_scim() -> ExportWriter:
    from orgdesign.output.exports import scim

    return scim


def _export_ldif() -> ExportWriter:
    from orgdesign.output.exports import ldif

    return ldif


def _export_turtle() -> ExportWriter:
    from orgdesign.output.exports import turtle

    return turtle


def _export_jsonld() -> ExportWriter:
    from orgdesign.output.exports import jsonld

    return jsonld


X = Kind.document
EXPORTS: Formats[ExportWriter] = Formats(
    "export",
    ExportWriter,
    (
        Format("csv", (".csv", ".tsv", ".txt"), TB, "HR table, one row per person", _export_table),
        Format("xlsx", (".xlsx", ".xlsm"), TB, "HR table as a workbook", _export_table),
        Format("backstage", (".yaml", ".yml"), X, "Backstage catalog", _export_backstage),
        Format("scim", (".json",), X, "SCIM 2.0 users", _export_scim),
        Format("ldif", (".ldif",), X, "LDAP directory entries", _export_ldif),
        Format("turtle", (".ttl",), X, "W3C ORG as Turtle", _export_turtle),
        Format("jsonld", (".jsonld",), X, "W3C ORG as JSON-LD", _export_jsonld),
    ),
)
