"""Company settings of the dossier: created by `relance init`, read by every use case."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from app.db.models import Company
from app.db.repositories.company import get_company
from app.db.uow import UnitOfWork
from app.domain.errors import Conflict, InvalidInput, NotFound, Problem
from app.domain.ledger.aging import DEFAULT_LIMITS
from app.i18n import _
from app.services.changes import Changes

COUNTRIES = ("FR", "BE")


@dataclass(frozen=True)
class CompanySettings:
    name: str
    country: str = "FR"
    currency: str = "EUR"
    language: str = "fr"
    terms_days: int = 30
    late_interest_rate: Decimal | None = None
    address: str = ""
    postcode: str = ""
    city: str = ""
    legal_id: str = ""
    vat_number: str = ""
    iban: str = ""
    bic: str = ""
    email: str = ""
    phone: str = ""
    signatory: str = ""
    signatory_title: str = ""  # kept in `extra` (the settings JSON)
    logo_path: str = ""
    admin_fee_enabled: bool = False
    admin_fee: Decimal = Decimal("0.00")
    aging_limits: tuple[int, ...] = DEFAULT_LIMITS
    # Legal mentions printed at the foot of letters, and the terms' clauses (in `extra`):
    legal_form: str = ""  # SARL, SAS, SRL, SA…
    share_capital: Decimal | None = None  # France: "au capital de …"
    registry_city: str = ""  # France: the RCS city; Belgium: the RPM court (division)
    consumer_damages_clause: bool = False  # the terms stipulate CDE XIX.4 damages (BE)
    # Shared folder where every user of the dossier keeps the documents sent (in `extra`);
    # empty: each user's own data folder.
    documents_folder: str = ""
    extra: dict[str, object] = field(default_factory=dict)

    @property
    def changes(self) -> Changes:
        """Saved settings: every view that shows the company, its limits or its fees."""
        return Changes(settings=True)


def _to_settings(row: Company) -> CompanySettings:
    extra = dict(row.settings or {})
    stored = extra.get("aging_limits", DEFAULT_LIMITS)
    limits = tuple(int(x) for x in stored) if isinstance(stored, list | tuple) else DEFAULT_LIMITS
    return CompanySettings(
        name=row.name,
        country=row.country,
        currency=row.currency,
        language=row.language,
        terms_days=row.terms_days,
        late_interest_rate=row.late_interest_rate,
        address=row.address,
        postcode=row.postcode,
        city=row.city,
        legal_id=row.legal_id,
        vat_number=row.vat_number,
        iban=row.iban,
        bic=row.bic,
        email=row.email,
        phone=row.phone,
        signatory=row.signatory,
        signatory_title=str(extra.get("signatory_title", "")),
        logo_path=row.logo_path,
        admin_fee_enabled=row.admin_fee_enabled,
        admin_fee=row.admin_fee,
        aging_limits=limits,
        legal_form=str(extra.get("legal_form", "")),
        share_capital=_decimal_or_none(extra.get("share_capital")),
        registry_city=str(extra.get("registry_city", "")),
        consumer_damages_clause=bool(extra.get("consumer_damages_clause", False)),
        documents_folder=str(extra.get("documents_folder", "") or ""),
        extra=extra,
    )


def _decimal_or_none(value: object) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


def validate(settings: CompanySettings) -> None:
    problems = []
    if not settings.name.strip():
        problems.append(Problem(_("the company name is required"), column="company"))
    if settings.country not in COUNTRIES:
        problems.append(Problem(_("country must be FR or BE"), column="country"))
    if len(settings.currency) != 3 or not settings.currency.isalpha():
        problems.append(Problem(_("currency must be an ISO code such as EUR"), column="currency"))
    if settings.terms_days < 0 or settings.terms_days > 365:
        problems.append(Problem(_("payment terms must be 0 to 365 days"), column="terms-days"))
    rate = settings.late_interest_rate
    if rate is not None and not (Decimal(0) <= rate <= Decimal(100)):
        problems.append(Problem(_("late interest rate must be a percentage"), column="rate"))
    limits = settings.aging_limits
    if not limits or any(b <= a for a, b in zip((0, *limits), limits, strict=False)):
        problems.append(Problem(_("aging limits must be increasing positive day counts")))
    shared = settings.documents_folder.strip()
    if shared and not Path(shared).expanduser().is_absolute():
        problems.append(
            Problem(_("the documents folder must be a full path"), column="documents_folder")
        )
    if problems:
        raise InvalidInput(problems)


class DossierService:
    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow

    def is_initialised(self) -> bool:
        with self._uow() as uow:
            return get_company(uow.session) is not None

    def init(self, settings: CompanySettings) -> CompanySettings:
        validate(settings)
        with self._uow() as uow:
            if get_company(uow.session) is not None:
                raise Conflict(_("this dossier already has a company; open another file"))
            row = Company(name=settings.name.strip(), settings={})
            self._apply(row, settings)
            uow.session.add(row)
            uow.commit()
            return _to_settings(row)

    def settings(self) -> CompanySettings:
        with self._uow() as uow:
            row = get_company(uow.session)
            if row is None:
                raise NotFound(
                    _("this dossier has no company yet: run `relance init --company NAME`")
                )
            return _to_settings(row)

    def update_company(self, settings: CompanySettings) -> CompanySettings:
        """Settings ▸ Company details: every field checked (problems named after the field),
        values stored compact, the logo copied into the user's settings folder."""
        from app.services.company_details import checked_company

        return self.update(checked_company(settings))

    def update(self, settings: CompanySettings) -> CompanySettings:
        validate(settings)
        with self._uow() as uow:
            row = get_company(uow.session)
            if row is None:
                raise NotFound(_("this dossier has no company yet"))
            self._apply(row, settings)
            uow.commit()
            return _to_settings(row)

    @staticmethod
    def _apply(row: Company, s: CompanySettings) -> None:
        for name in (
            "name",
            "country",
            "currency",
            "language",
            "terms_days",
            "late_interest_rate",
            "address",
            "postcode",
            "city",
            "legal_id",
            "vat_number",
            "iban",
            "bic",
            "email",
            "phone",
            "signatory",
            "logo_path",
            "admin_fee_enabled",
            "admin_fee",
        ):
            setattr(row, name, getattr(s, name))
        extra = dict(s.extra)
        extra["aging_limits"] = list(s.aging_limits)
        extra["signatory_title"] = s.signatory_title
        extra["legal_form"] = s.legal_form
        extra["share_capital"] = None if s.share_capital is None else str(s.share_capital)
        extra["registry_city"] = s.registry_city
        extra["consumer_damages_clause"] = s.consumer_damages_clause
        extra["documents_folder"] = s.documents_folder.strip()
        row.settings = extra
