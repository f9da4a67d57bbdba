"""Streamlit widgets shared by the pages. The only layer besides pages/ that imports streamlit."""
