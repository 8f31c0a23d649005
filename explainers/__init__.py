"""Build-time Python for the site: sources, data, Altair charts and the Markdown glue."""
