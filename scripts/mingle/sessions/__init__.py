"""Session plans on the clock, the agenda views and the icebreaker's guest cards (data in data/)."""
