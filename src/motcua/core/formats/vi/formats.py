"""Vietnamese number format beside Django's own (which sets the separators but no grouping):
large figures read 1.656,50, grouped by thousands, where a template asks for grouping."""

NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1  # the date pickers' weeks start on Monday (Thứ hai)

# dates typed as people write them, dd/mm/yyyy (the editors' date pickers, WAGTAIL_DATE_FORMAT),
# and as the browser's date fields send them; never Django's default month-first %m/%d/%Y
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DATETIME_INPUT_FORMATS = ["%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S",
                          "%Y-%m-%d %H:%M", "%Y-%m-%d"]
