"""One-time notification (一次性告知, OTN): what must be told, in one notice, in time."""
