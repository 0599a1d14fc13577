"""The verbs a person uses, as importable functions that return dataclasses and never print."""
