"""The board's configuration: one frozen `Config`, read from `callboard.toml` by `load_config`."""

from callboard.config.model import (
           CONFIG_FILE,
           HOST_FILES,
           SOURCE_KINDS,
           Accessibility,
           BoardSource,
           Config,
           Fetching,
           Hub,
           OpenData,
           now_in,
           today_in,
)
from callboard.config.reader import board_translator, check_base_url, load_config, normalise_base_url

__all__ = ["CONFIG_FILE", "SOURCE_KINDS", "Accessibility", "BoardSource", "Config", "Fetching", "Hub", "OpenData",
           "board_translator", "check_base_url", "load_config", "normalise_base_url", "now_in", "today_in"]
