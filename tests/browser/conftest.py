from __future__ import annotations

import pytest

from tests.browser.reader import Reader


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.path).replace("\\", "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture()
def reader(context, site):
    reader = Reader.open(context, site.url)
    yield reader
    reader.assert_clean()
