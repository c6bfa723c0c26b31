"""Clean article text: drop boilerplate, mark subheads and datelines."""

from communique.clean.boilerplate import CleanResult, clean_text

__all__ = ["CleanResult", "clean_text"]
