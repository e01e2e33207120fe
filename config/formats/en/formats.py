# Hong Kong's way of writing dates in English: day, month, year (26/11/2026), on every page and
# document, rather than Django's American default (Nov. 26, 2026).
DATE_FORMAT = "d/m/Y"
SHORT_DATE_FORMAT = "d/m/Y"
DATETIME_FORMAT = "d/m/Y H:i"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
