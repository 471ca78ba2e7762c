"""The reception pages, one module per feature: schedule, register, letters, statistics, public pages."""
