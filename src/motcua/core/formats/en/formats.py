"""English pages of a Vietnamese service read and take dates as the Vietnamese ones do:
dd/mm/yyyy, not Django's English month-first default."""

from motcua.core.formats.vi.formats import DATE_INPUT_FORMATS, DATETIME_INPUT_FORMATS

__all__ = ["DATE_INPUT_FORMATS", "DATETIME_INPUT_FORMATS"]
