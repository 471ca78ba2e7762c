"""Periodic reports: each council's report for a period, assembled from the figures registry, and the
province's roll-up."""
