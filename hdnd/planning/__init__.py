"""Work programmes: each body's annual programme, targets on registered figures, and tasks with owner,
deadline and progress."""
