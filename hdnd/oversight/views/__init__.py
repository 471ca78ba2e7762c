"""Pages of oversight, one module per area (function views; the actions do the writing)."""
