"""The site: the Markdown extensions that put the kit's blocks on pages (they work under MkDocs and Zensical)."""
