"""The load test's exactly-once check: what the server acknowledged is stored once, nothing
is stored twice, and nothing is stored that the server refused.

It reads the database directly (psycopg, plain SQL), not through the app under test.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import psycopg

from bench.load_clients import Write
from matchmaker.services.tokens import hash_token


@dataclass
class Check:
    acknowledged_registrations: int = 0
    acknowledged_requests: int = 0
    lost: list[str] = field(default_factory=list)  # acknowledged but not stored (or not once)
    duplicates: list[str] = field(default_factory=list)  # stored more than once
    double_acks: list[str] = field(default_factory=list)  # one write acknowledged twice
    stored_unacknowledged: list[str] = field(default_factory=list)  # refused, yet stored
    unacknowledged: list[str] = field(default_factory=list)  # errors, with what was stored
    mutual_not_accepted: list[str] = field(default_factory=list)  # both asked, not accepted

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.duplicates
            or self.double_acks
            or self.stored_unacknowledged
            or self.mutual_not_accepted
        )

    def as_dict(self) -> dict:
        return {
            "acknowledged_registrations": self.acknowledged_registrations,
            "acknowledged_requests": self.acknowledged_requests,
            "lost": self.lost,
            "duplicates": self.duplicates,
            "double_acks": self.double_acks,
            "stored_unacknowledged": self.stored_unacknowledged,
            "unacknowledged": self.unacknowledged,
            "mutual_not_accepted": self.mutual_not_accepted,
            "ok": self.ok,
        }


def check(conninfo: str, slug: str, writes: list[Write], run_email: str) -> Check:
    """Compare the journal of writes with the event's rows; ``run_email`` marks the run's
    own addresses."""
    result = Check()
    with psycopg.connect(conninfo) as conn:
        event_id = conn.execute("SELECT id FROM events WHERE slug = %s", (slug,)).fetchone()[0]
        people = conn.execute(
            "SELECT id, email, token_hash FROM participants WHERE event_id = %s", (event_id,)
        ).fetchall()
        pairs = conn.execute(
            "SELECT sender_id, receiver_id, status FROM meeting_requests WHERE event_id = %s",
            (event_id,),
        ).fetchall()
    by_email: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for pid, email, token_hash in people:
        by_email[email].append((pid, token_hash))
    by_hash = {token_hash: pid for pid, _, token_hash in people}
    stored_pairs = Counter((s, r) for s, r, _ in pairs)
    status = {(s, r): st for s, r, st in pairs}

    result.duplicates += [f"e-mail {e} stored {len(rows)} times" for e, rows in by_email.items()
                          if len(rows) > 1]  # fmt: skip
    result.duplicates += [f"request {s}->{r} stored {n} times" for (s, r), n in stored_pairs.items()
                          if n > 1]  # fmt: skip

    _check_registrations(result, [w for w in writes if w.kind == "registration"], by_email)
    by_pair = _check_requests(result, [w for w in writes if w.kind == "request"], by_hash,
                              stored_pairs)  # fmt: skip

    # the test's own people that nobody acknowledged must not be there
    attempted = {w.key for w in writes if w.kind == "registration"}
    for email in by_email:
        if run_email in email and email not in attempted:
            result.stored_unacknowledged.append(f"registration {email}: never sent, yet stored")
    test_senders = {by_hash.get(hash_token(w.token)) for w in writes if w.kind == "request"}
    for pair in stored_pairs:
        if pair[0] in test_senders and pair not in by_pair:
            result.stored_unacknowledged.append(f"request {pair[0]}->{pair[1]}: never sent")

    # two people who asked each other while both requests were open meet: both accepted
    acked = {pair for pair, outcomes in by_pair.items() if "ack" in outcomes}
    for sender, receiver in sorted(acked):
        if (receiver, sender) in acked and sender < receiver:
            states = (status.get((sender, receiver)), status.get((receiver, sender)))
            if states != ("accepted", "accepted"):
                result.mutual_not_accepted.append(f"{sender}<->{receiver}: {states}")
    return result


def _check_registrations(result: Check, writes: list[Write], by_email: dict) -> None:
    outcomes: dict[str, list[Write]] = defaultdict(list)
    for write in writes:
        outcomes[write.key].append(write)
    for email, attempts in outcomes.items():
        rows = by_email.get(email, [])
        acks = _judge(result, f"registration {email}", attempts, len(rows))
        for ack in acks:
            result.acknowledged_registrations += 1
            if len(rows) != 1 or rows[0][1] != hash_token(ack.token):
                result.lost.append(f"registration {email}: acknowledged, {len(rows)} rows")


def _check_requests(
    result: Check, writes: list[Write], by_hash: dict[str, int], stored: Counter
) -> dict[tuple[int, int], list[str]]:
    by_pair: dict[tuple[int, int], list[Write]] = defaultdict(list)
    for write in writes:
        sender = by_hash.get(hash_token(write.token))
        if sender is None:
            result.lost.append(f"request from an unknown sender to {write.key}")
            continue
        by_pair[(sender, int(write.key))].append(write)
    for (sender, receiver), attempts in by_pair.items():
        count = stored.get((sender, receiver), 0)
        if _judge(result, f"request {sender}->{receiver}", attempts, count):
            result.acknowledged_requests += 1
            if count != 1:
                result.lost.append(f"request {sender}->{receiver}: acknowledged, {count} rows")
    return {pair: [w.outcome for w in attempts] for pair, attempts in by_pair.items()}


def _judge(result: Check, label: str, attempts: list[Write], stored: int) -> list[Write]:
    """Note double acknowledgements, errors and refusals that were stored anyway; return acks."""
    acks = [w for w in attempts if w.outcome == "ack"]
    errors = [w for w in attempts if w.outcome == "error"]
    if len(acks) > 1:
        result.double_acks.append(f"{label} acknowledged {len(acks)} times")
    if errors:
        result.unacknowledged.append(
            f"{label}: {', '.join(w.detail for w in errors)}; stored {stored} time(s)"
        )
    elif not acks and stored:
        result.stored_unacknowledged.append(
            f"{label}: refused ({', '.join(w.detail for w in attempts)}), stored"
        )
    return acks
