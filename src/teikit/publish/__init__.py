"""Stage 3, publish: TEI rendered by XSLT into HTML and text editions, and a folder
of TEI built into an edition site, incrementally.
"""
