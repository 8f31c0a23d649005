"""The charts, one module per subject: static charts (data fixed at build time) and each widget's views.
Pages name them through explainers/catalog.py."""
