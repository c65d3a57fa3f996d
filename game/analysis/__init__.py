"""Authoring tools: deep lint, explorer, archetype simulation, conformance, story map."""
