"""Operations of the open-data API, one module per domain."""
