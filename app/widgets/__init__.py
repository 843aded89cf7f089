"""Widgets and display helpers the pages share: stars, charts, colours, formats."""
