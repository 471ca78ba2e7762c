"""Resolutions (nghị quyết) of a council: numbering, statuses, links, publication and follow-up."""
