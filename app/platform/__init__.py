"""The app on the desktop: where files live, logs, language, theme, one instance per shop."""
