"""The bottom layer: what every stage needs and nothing callboard-specific, from diagnostics to hashing."""
