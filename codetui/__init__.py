"""codetui: search all US medical codes from the terminal."""

__version__ = "0.1.0"
