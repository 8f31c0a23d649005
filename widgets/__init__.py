"""Teaching models behind the site's widgets.

Standard library only: this exact package runs in CPython (tests, build-time default charts)
and in the reader's browser under Pyodide, so one model is tested once and runs twice.
"""
