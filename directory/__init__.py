"""Vangnet's core: the organisation list, its validation, matching and referral routes.

This package never imports streamlit, so tests, the CLI and other tools can use it directly.
"""

from directory.loading import default_data_path, directory_version, load_directory, load_themes
from directory.model import Directory, DirectoryError, Domain, Organisation, Problem, Theme

__all__ = [
    "Directory",
    "DirectoryError",
    "Domain",
    "Organisation",
    "Problem",
    "Theme",
    "default_data_path",
    "directory_version",
    "load_directory",
    "load_themes",
]
