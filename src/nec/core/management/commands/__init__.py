"""Management commands of the core: `periodic`."""
