"""Key results driven by Jira queries or Trello boards: links, small REST clients, and the sync."""
