"""Seeded generator of realistic multi-agency case exports with planted networks and truth."""

from linkgraph.synth.case import SOURCES, SynthCase, case_files, generate_case, write_case
from linkgraph.synth.people import PEOPLE_COLUMNS, people_table, write_people_csv

__all__ = [
    "PEOPLE_COLUMNS",
    "SOURCES",
    "SynthCase",
    "case_files",
    "generate_case",
    "people_table",
    "write_case",
    "write_people_csv",
]
