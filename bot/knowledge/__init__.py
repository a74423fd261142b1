"""Files → Document → Passage."""
