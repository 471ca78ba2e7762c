"""Oversight: supervision programmes, supervisions and surveys, recommendations, questioning and
explanation sessions, commitments."""
