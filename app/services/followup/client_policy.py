"""Which follow-up policy a client gets: its own when one is chosen, else the default for its
type (consumers the softer consumer policy), as the reminder plan decides (planner.policy_for).
"""

from __future__ import annotations

from dataclasses import dataclass

from app.services.followup.policies import PolicyInfo


@dataclass(frozen=True)
class PolicyOptions:
    """The dossier's policies, as the client dialog offers them."""

    policies: tuple[PolicyInfo, ...] = ()

    def default_for(self, client_type: str) -> PolicyInfo | None:
        consumer = client_type == "consumer"
        for info in self.policies:
            if info.for_consumers if consumer else info.is_default:
                return info
        return None

    def find(self, code: str) -> PolicyInfo | None:
        return next((info for info in self.policies if info.code == code), None)

    def applied(self, client_type: str, code: str) -> PolicyInfo | None:
        """The policy the plan follows for such a client ("" or an unknown code: the default)."""
        return (self.find(code) if code else None) or self.default_for(client_type)
