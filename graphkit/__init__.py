"""graphkit: an entity relationship graph explorer for investigators."""

__version__ = "1.0.0"
