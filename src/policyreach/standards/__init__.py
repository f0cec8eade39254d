"""National standards the platform implements: each module holds one standard's own tables and rules."""
