"""``motcua sandbox_templates``: the templates the sandbox's fakes hold, recorded in the
template table (``make run``; docs/messages.md). For the sandbox only: production's templates
are the ones registered with the real providers."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from motcua.messaging import fakes, services
from motcua.messaging.models import Notice, TextChannel


class Command(BaseCommand):
    help = "Ghi các mẫu tin nhắn của hộp cát (SMS, Zalo) vào bảng mẫu tin nhắn."

    def handle(self, *args, **options):
        if settings.CONFIG.is_production:
            raise CommandError("the sandbox's templates are not for production")
        sms, zns = fakes.registered(list(Notice.values))
        count = services.register_templates(TextChannel.SMS, sms)
        count += services.register_templates(TextChannel.ZALO, zns)
        self.stdout.write(f"{count} templates")
