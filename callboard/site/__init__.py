"""Stages 2 and 3: the board for one build date, the plan of its pages, and their rendering through Jinja."""
