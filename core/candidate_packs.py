"""What the school's rule pack says of one candidate: resits used and left, and cum laude.

Why a core function: the candidate screen (and the TUI's Herkansingen tab) must show the pack's
answers with the pack's reasons, but screens hold no rules. This asks the same hooks as `calc`
on the candidate's facts in the database and returns typed data to render:

- SE resits: the resits used (resit results in the dossier, granted requests), the rights
  forfeited, and the pack's answer to "may this candidate resit one more written test now?"
  (with what is left and from which pool);
- the CE resit: the subjects already resat, how many the rules allow, the pack's reasons;
- cum laude: the law's judicium with its reasons and, next to it, the board's own rule.
"""

from __future__ import annotations

import attrs

from . import pack_facts
from .hookspecs import Forfeit, Reason, ResitDecision, ResitRequest, SchoolRule, UsedResit
from .packs import STATUTORY
from .rules import pack_policy
from .rules.policy import for_pack
from .store import Store


@attrs.frozen
class SeResits:
    used: tuple[UsedResit, ...]
    forfeits: tuple[Forfeit, ...]
    probe: ResitRequest | None            # "one more written test now" asked of the pack
    answer: ResitDecision | None          # the pack's answer to the probe


@attrs.frozen
class CeResits:
    taken: tuple[str, ...]
    allowed: int                          # how many subjects the rules allow (law: 1)
    left: int
    reasons: tuple[Reason, ...]


@attrs.frozen
class CumLaude:
    law: bool | None                      # the judicium on the diploma (Uvb 3.47/3.48)
    reasons: tuple[Reason, ...]
    school_rule: SchoolRule | None        # the board's own rule, reported next to the law's


@attrs.frozen
class CandidatePackView:
    exam_year: int
    exam_number: str
    pack: str
    level: str
    se: SeResits
    ce: CeResits
    cum_laude: CumLaude


def _probe(store: Store, cand: pack_facts.Candidate, used: tuple[UsedResit, ...]
           ) -> ResitRequest | None:
    """A resittable written test of the exam year that was not resat yet, from the last SE
    period that has one: the question a candidate asks at the next resit moment."""
    done = {(u.subject, u.test) for u in used}
    with store.read() as con:
        rows = con.execute(
            "SELECT p.subject, p.test_code, p.period FROM pta_items p JOIN candidate_subjects s"
            " ON s.subject = p.subject AND s.exam_year = ? AND s.exam_number = ?"
            " WHERE p.cohort = ? AND p.school_type = ? AND p.kind = 'schriftelijk'"
            " AND p.resit_allowed AND p.year_of_study = ? ORDER BY p.period DESC, p.subject,"
            " p.test_code", [cand.exam_year, cand.exam_number, cand.cohort, cand.school_type,
                             cand.leerjaar]).fetchall()
    for subject, test, period in rows:
        if (subject, test) not in done:
            return ResitRequest(subject, test, "schriftelijk", resittable=True, period=period,
                                test_period=period)
    return None


def candidate_pack_view(store: Store, exam_year: int, exam_number: str,
                        pack: str | None = None) -> CandidatePackView | None:
    """The pack's view of one candidate; None when the candidate is not in the database."""
    from .results import compute_results

    cand = pack_facts.candidate(store, exam_year, exam_number)
    if cand is None:
        return None
    name = pack or store.get_setting("rulepack") or STATUTORY
    policy = for_pack(name)
    history = pack_facts.resit_history(store, cand)
    probe = _probe(store, cand, history.used)
    answer = pack_policy.se_resit_check(policy, history, probe) if probe is not None else None

    taken = tuple(pack_facts.ce_resits(store, exam_year, [exam_number]).get(exam_number, []))
    rules, who = pack_policy.ce_resit_rules(policy, cand.level)
    left = max(rules.max_subjects - len(taken), 0)
    source = rules.sources.get("ce_herkansing_aantal", "")
    names = ", ".join(taken)
    ce_reasons = (Reason("ce_herkansing_aantal", source,
                         (f"Herkanst: {names}. " if taken else "Nog niets herkanst. ")
                         + f"Je mag het centraal examen in {_subjects(rules.max_subjects)} "
                         f"herkansen; er {'is' if left == 1 else 'zijn'} er nog {left} over.",
                         {"taken": list(taken), "max": rules.max_subjects, "left": left},
                         violated=False, pack=who),)

    [result] = compute_results(store, exam_year=exam_year, exam_numbers=[exam_number], pack=name)
    school = result.school_rule
    return CandidatePackView(
        exam_year, exam_number, name, cand.level,
        SeResits(history.used, history.forfeits, probe, answer),
        CeResits(taken, rules.max_subjects, left, ce_reasons),
        CumLaude(result.cum_laude, tuple(result.cum_laude_reasons), school))


def _subjects(n: int) -> str:
    return "één vak" if n == 1 else f"{n} vakken"
