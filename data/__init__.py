"""Reference tables (subjects, exam composition) and material for the demo school, read through importlib.resources."""
