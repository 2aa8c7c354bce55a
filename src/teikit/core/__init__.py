"""Shared ground of every stage: errors and locations, hardened XML parsing, safe
writing, the resources teikit ships and the worker pool.

Nothing here knows about transcripts, schemas or sites; every other package
builds on it.
"""
