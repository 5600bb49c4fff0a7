"""Stage 1: content files to validated, typed models (Need, Testbed, Case), and where each lives in the site."""
