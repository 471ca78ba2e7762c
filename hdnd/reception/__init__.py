"""Citizen reception and letters (complaints, denunciations, petitions, reports), with the denouncer's
identity protected."""
