"""Files → Document → Passage."""

# Bump when loading, cleaning, metadata detection or chunking changes what comes out of a file:
# the index cache is keyed by it, so cached passages are never older than the code.
KNOWLEDGE_VERSION = 25
