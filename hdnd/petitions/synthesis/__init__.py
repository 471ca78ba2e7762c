"""The petition synthesis engine: group near-duplicate voters' petitions (a pure library, no models)."""
