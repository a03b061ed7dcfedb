from django.contrib import admin

from motcua.exchange.models import (
    DocumentChange,
    DocumentPolicy,
    DocumentRegister,
    ExchangeMessage,
    ExchangeStatus,
    IncomingDocument,
    OutgoingDocument,
    OutgoingRecipient,
    ReceivedPackage,
)


@admin.register(DocumentRegister)
class DocumentRegisterAdmin(admin.ModelAdmin):
    list_display = ("name", "agency", "is_default")
    list_filter = ("is_default",)
    search_fields = ("name", "agency__name")


@admin.register(DocumentPolicy)
class DocumentPolicyAdmin(admin.ModelAdmin):
    list_display = ("agency", "signature_required")
    list_filter = ("signature_required",)
    search_fields = ("agency__name", "agency__identifier_code")


class RecipientInline(admin.TabularInline):
    model = OutgoingRecipient
    extra = 0
    readonly_fields = ("transport", "sent_at", "status_code", "status_at")


@admin.register(OutgoingDocument)
class OutgoingDocumentAdmin(admin.ModelAdmin):
    list_display = ("notation", "subject", "agency", "state", "issued_at")
    list_filter = ("state", "document_type", "confidentiality", "year")
    search_fields = ("notation", "subject")
    readonly_fields = ("number", "year", "notation", "document_id", "state", "issued_at",
                       "sent_at", "signed_by_person_at", "sealed_at", "portal_published_at",
                       "portal_published_by", "portal_withdrawn_at", "portal_withdrawn_by")
    inlines = [RecipientInline]


@admin.register(IncomingDocument)
class IncomingDocumentAdmin(admin.ModelAdmin):
    list_display = ("arrival_number", "arrival_year", "sender_name", "subject", "agency",
                    "state", "arrived_at")
    list_filter = ("state", "transport", "arrival_year")
    search_fields = ("original_notation", "subject", "sender_name")
    readonly_fields = ("arrival_number", "arrival_year", "document_id", "state", "signatures",
                       "signatures_ok", "axis_doc_id")


@admin.register(ExchangeStatus)
class ExchangeStatusAdmin(admin.ModelAdmin):
    list_display = ("recipient", "code", "at", "description")
    list_filter = ("code",)


@admin.register(ExchangeMessage)
class ExchangeMessageAdmin(admin.ModelAdmin):
    list_display = ("kind", "transport", "sender", "status_code", "created_at", "attempts",
                    "delivered_at", "failed_at")
    list_filter = ("kind", "transport")
    exclude = ("package",)
    readonly_fields = ("last_error", "axis_doc_id")


@admin.register(ReceivedPackage)
class ReceivedPackageAdmin(admin.ModelAdmin):
    list_display = ("axis_doc_id", "kind", "transport", "sender_code", "received_at",
                    "processed_at", "acknowledged_at", "error")
    list_filter = ("kind", "transport")
    search_fields = ("axis_doc_id", "sender_code", "document_id")
    exclude = ("raw",)
    readonly_fields = ("retried_at", "retried_by", "acknowledged_at")


@admin.register(DocumentChange)
class DocumentChangeAdmin(admin.ModelAdmin):
    """Read only: the clerk answers a change on the document's page (15/16 go with it)."""

    list_display = ("document", "kind", "received_at", "decision", "decided_at")
    list_filter = ("kind", "decision")
    exclude = ("package",)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False
