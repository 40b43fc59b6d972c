"""The CLI's commands, one module per stage; each module lists its commands in COMMANDS."""
