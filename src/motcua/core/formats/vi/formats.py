"""Vietnamese number format beside Django's own (which sets the separators but no grouping):
large figures read 1.656,50, grouped by thousands, where a template asks for grouping."""

NUMBER_GROUPING = 3
