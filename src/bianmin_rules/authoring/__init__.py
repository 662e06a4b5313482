"""Authoring: what helps a policy author write a variant file — where its keys are written."""
