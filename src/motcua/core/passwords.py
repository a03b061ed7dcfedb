"""Django's password rules with their messages in natural Vietnamese.

Django's own Vietnamese catalogue misses some of them (the length rule's message changed
upstream and reads in English), and reads stiffly where it has them. The rules are Django's;
only what a person reads is ours. The help texts are shown beside every new-password field.
"""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import ngettext


class MinimumLength(password_validation.MinimumLengthValidator):
    def get_error_message(self) -> str:
        return ngettext("Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.",
                        "Mật khẩu quá ngắn: cần ít nhất %(min_length)d ký tự.", self.min_length)

    def get_help_text(self) -> str:
        return ngettext("Có ít nhất %(min_length)d ký tự.", "Có ít nhất %(min_length)d ký tự.",
                        self.min_length) % {"min_length": self.min_length}


class NotLikePersonalDetails(password_validation.UserAttributeSimilarityValidator):
    def validate(self, password, user=None) -> None:
        """The detail named in lower case, as it reads mid-sentence ("(tên đăng nhập)")."""
        try:
            super().validate(password, user)
        except ValidationError as error:
            name = str(error.params["verbose_name"])
            raise ValidationError(self.get_error_message(), code=error.code,
                                  params={"verbose_name": name[:1].lower() + name[1:]}) from None

    def get_error_message(self) -> str:
        return _("Mật khẩu quá giống thông tin của bạn (%(verbose_name)s).")

    def get_help_text(self) -> str:
        return _("Không giống tên đăng nhập, họ tên hay thư điện tử của bạn.")


class NotCommon(password_validation.CommonPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu này quá phổ biến, dễ bị đoán ra.")

    def get_help_text(self) -> str:
        return _("Không phải mật khẩu phổ biến, dễ đoán (như 12345678 hay password).")


class NotOnlyDigits(password_validation.NumericPasswordValidator):
    def get_error_message(self) -> str:
        return _("Mật khẩu không được chỉ gồm chữ số.")

    def get_help_text(self) -> str:
        return _("Không chỉ gồm chữ số.")

