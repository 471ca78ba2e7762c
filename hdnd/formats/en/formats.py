# English keeps the Vietnamese day-first dates so that documents and screens agree.
SHORT_DATE_FORMAT = "d/m/Y"
DATE_FORMAT = "j F Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
USE_THOUSAND_SEPARATOR = True
