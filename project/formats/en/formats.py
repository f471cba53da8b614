# English dates as most of the world writes them, "3 December 2026": families and
# advocates read AskFirst from many countries, and "12/3/2026" means two different days.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "j M Y"
