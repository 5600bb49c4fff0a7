"""Lighthouse 12 on a phone (mobile, simulated 4G) over the page types most at risk: 100 in
performance, accessibility, best practices and SEO, and layout shift under 0.05.

The needs and innovators lists start a filter script (it must not move the page), a case story
shows a photo (it must state its size), a need page has the breadcrumb (its first link must say
where it leads). One Lighthouse run takes 10-20 s, so the test covers these four; the whole
table, every page type the example board has, is `python bench/lighthouse.py`.
"""

import os
import shutil

import pytest

from tests.support.lighthouse import CHROMIUM, LIGHTHOUSE, run_lighthouse

PAGE_TYPES = ("needs", "innovators", "case", "need-open")


@pytest.fixture(scope="module")
def example(built_sites):
    if not (LIGHTHOUSE.is_file() and CHROMIUM.exists() and shutil.which("node")):
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but Lighthouse is missing: .ci/run's npm ci installs it (package.json)")
        pytest.skip("Lighthouse needs npm ci, node and /usr/bin/chromium")
    return built_sites["example"]


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_a_phone_scores_100_everywhere_without_layout_shift(example, name):
    path = next(page.path for page in example.pages if page.name == name)
    audit = run_lighthouse(name, example.url, path)
    assert audit.problems() == [], f"/{path}: {audit.problems()}; costing points: {audit.failing}"
