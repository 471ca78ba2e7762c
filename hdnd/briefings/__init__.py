"""The briefing between levels (giao ban): conference, materials, contributions, conclusions that
become tasks."""
