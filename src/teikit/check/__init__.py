"""Stage 2, check: TEI against the project's schema (RELAX NG and Schematron), with
``file:line:col`` diagnostics and CI output formats.
"""
