"""The Beheer screens: one module per tab, and one session object (session.py) that owns their state."""
