"""Domain logic and database work. No module here imports nicegui.ui."""
