"""The core: what every family of rules builds on."""
