"""Stage 4 and the whole build: the steps in order, the cache, fingerprints, links, search and the atomic write."""
