"""The Telegram front end: handlers, rendering to Telegram HTML, admin commands, wiring."""
