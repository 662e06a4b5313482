"""The `bianmin-rules` command line."""
