"""The app's dialogs: sign in and up, change password, report a problem."""
