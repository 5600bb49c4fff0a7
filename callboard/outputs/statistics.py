"""`api/statistics.json`: the figures of the statistics page (`site/statistics.py`), for a
funder's report or a dashboard. Written on every board, with or without base_url: it holds no
address but the board's own, and the statistics page links to it."""

from __future__ import annotations

import json
from typing import Iterator

from callboard.content.permalinks import STATISTICS_JSON, statistics_url
from callboard.outputs.descriptor import Output
from callboard.site.assemble import Board
from callboard.site.statistics import board_figures

FORMAT_VERSION = 1


def statistics_files(board: Board) -> Iterator[tuple[str, bytes]]:
    config = board.config
    figures = board_figures(board, config.translator())
    document = {
        "version": FORMAT_VERSION, "board": config.title,
        "url": config.base_url + statistics_url(config.lang) if config.base_url else None, "lang": config.lang,
        "open_now": figures.open_now, "published": figures.published, "led_to_case_story": figures.with_case,
        "testbeds": figures.testbeds, "median_days_published_to_deadline": figures.days_to_deadline,
        "median_days_deadline_to_award": figures.days_to_award,
        "charts": {chart.id: {"title": chart.title, "summary": chart.summary,
                              "data": [{"key": bar.key, "label": bar.label, "value": bar.value} for bar in chart.bars]}
                   for chart in figures.charts},
    }
    yield STATISTICS_JSON, (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


OUTPUT = Output("statistics", lambda board, pages, memo: statistics_files(board), cost_rank=6)
