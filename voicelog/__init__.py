"""voicelog: speak an account of an incident, get a structured, private diary entry."""

__version__ = "0.1.0"
