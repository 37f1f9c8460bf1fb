"""Break counting for ScheduleModel: a light encoding and a strong one with implied rules.

The strong encoding describes each participant's busy slots as non-adjacent blocks (start,
length); with a target on total breaks it propagates far better than counting run starts, which
is why the scheduler solves "breaks <= B" with it and keeps the light one for a first schedule.
"""

from __future__ import annotations

from collections import defaultdict

from ortools.sat.python import cp_model

# Share of all table slots the meetings need, from which tables count as scarce.
_SCARCE_TABLES = 0.8


class BreakRules:
    """Mixin of ScheduleModel: the break variables and the constraints implied by them."""

    instance: object
    model: cp_model.CpModel

    def _add_start_breaks(self) -> None:
        # breaks[p] = slots where p starts a busy run, minus one (zero when p has no meeting).
        inst = self.instance
        for p in range(inst.participants):
            slots = [t for t in range(inst.slots) if (p, t) in self.busy]
            if not slots:
                continue
            starts = []
            for t in slots:
                start = self.model.new_bool_var(f"start{p}_{t}")
                before = self.busy.get((p, t - 1))
                if before is None:
                    self.model.add(start == self.busy[p, t])
                else:
                    # start <=> busy[t] and not busy[t-1]
                    self.model.add_bool_or([self.busy[p, t].Not(), before, start])
                    self.model.add_implication(start, self.busy[p, t])
                    self.model.add_implication(start, before.Not())
                starts.append(start)
            met = self.model.new_bool_var(f"met{p}")
            self.model.add_max_equality(met, [self.busy[p, t] for t in slots])
            self.breaks[p] = self.model.new_int_var(0, max(0, len(self.of[p]) - 1), f"br{p}")
            self.model.add(self.breaks[p] == sum(starts) - met)

    def _add_block_breaks(self) -> None:
        # Busy slots of p are a union of non-adjacent blocks (one boolean per start and length);
        # breaks[p] = blocks - 1. The block view gives a much tighter relaxation than start flags.
        inst = self.instance
        for p in range(inst.participants):
            slots = [t for t in range(inst.slots) if (p, t) in self.busy]
            if not slots:
                continue
            deg = len(self.of[p])
            self.blocks[p] = blocks = add_blocks(self.model, self.busy, p, slots, deg)
            lengths = [length * b for _, length, b in blocks]
            # Blocks cover exactly p's meetings (implied, but it propagates block lengths).
            self.model.add(sum(lengths) == sum(self.sched[i] for i in self.of[p]))
            met = self.model.new_bool_var(f"met{p}")
            self.model.add_max_equality(met, [self.busy[p, t] for t in slots])
            self.breaks[p] = self.model.new_int_var(0, max(0, deg - 1), f"br{p}")
            self.model.add(self.breaks[p] == sum(b for _, _, b in blocks) - met)

    def _add_forced_breaks(self) -> int:
        # Implied: a block fits in one run of free slots, so p needs at least as many blocks as
        # the longest runs take to hold all of p's must-have meetings. Returns the total bound.
        total = 0
        for p in self.blocks:
            must = [i for i in self.of[p] if i in self.required]
            free = sorted({t for i in must for t in self._slots(i)})
            runs = sorted(_run_lengths(free), reverse=True)
            needed, covered = 0, 0
            while covered < len(must) and needed < len(runs):
                covered += runs[needed]
                needed += 1
            if needed > 1:
                self.model.add(self.breaks[p] >= needed - 1)
                total += needed - 1
        return total

    def _add_windows(self) -> None:
        # Implied: "has met by t" and "meets from t on" flags; without a break every slot between
        # them is busy and the window is exactly as long as p's meetings (fills gaps by unit
        # propagation, which the block sums alone do not).
        inst = self.instance
        for p, breaks in self.breaks.items():
            busy = [self.busy.get((p, t), 0) for t in range(inst.slots)]
            before = [self.model.new_bool_var(f"by{p}_{t}") for t in range(inst.slots)]
            after = [self.model.new_bool_var(f"from{p}_{t}") for t in range(inst.slots)]
            for t in range(inst.slots):
                prev = [before[t - 1]] if t else []
                nxt = [after[t + 1]] if t + 1 < inst.slots else []
                now = [busy[t]] if not isinstance(busy[t], int) else []
                self.model.add_max_equality(before[t], prev + now or [0])
                self.model.add_max_equality(after[t], nxt + now or [0])
            self.windows[p] = (before, after)
            has_break = self.model.new_bool_var(f"hasbreak{p}")
            self.has_break[p] = has_break
            self.model.add(breaks >= 1).only_enforce_if(has_break)
            self.model.add(breaks == 0).only_enforce_if(has_break.Not())
            for t in range(1, inst.slots - 1):
                gap = [before[t - 1], after[t + 1]]
                if isinstance(busy[t], int):
                    self.model.add_bool_or([x.Not() for x in gap] + [has_break])
                else:
                    self.model.add_bool_or([x.Not() for x in gap] + [busy[t], has_break])
            if all(i in self.required for i in self.of[p]):
                span = sum(before) + sum(after) - inst.slots
                self.model.add(span == len(self.of[p])).only_enforce_if(has_break.Not())

    def _add_busy_profile(self) -> None:
        # Implied: a participant without a break is busy for one interval of its meeting count,
        # and all participants together fill at most two seats per table and slot. The cumulative
        # propagator reasons about such intervals far better than the per-slot sums do.
        # Measured on the B2B benchmark: it pays off only when tables are scarce, and slows the
        # search down otherwise.
        inst = self.instance
        load = len(inst.meetings) / max(1, inst.slots * inst.tables)
        if inst.booths or inst.select or load < _SCARCE_TABLES:
            return
        intervals = []
        for p, (before, _) in self.windows.items():
            deg = len(self.of[p])
            start = self.model.new_int_var(0, inst.slots - deg, f"first{p}")
            self.model.add(start == inst.slots - sum(before))
            intervals.append(
                self.model.new_optional_fixed_size_interval_var(
                    start, deg, self.has_break[p].Not(), f"window{p}"
                )
            )
        for p, blocks in self.blocks.items():
            for k, length, b in blocks:
                if len(self.of[p]) > length:
                    intervals.append(
                        self.model.new_optional_fixed_size_interval_var(k, length, b, "")
                    )
        self.model.add_cumulative(intervals, [1] * len(intervals), 2 * inst.tables)

    def _add_time_reversal_symmetry(self) -> None:
        # Reversing time maps schedules to schedules of equal breaks when nothing pins or orders
        # meetings and availability is mirror-symmetric: keep only one of each mirrored pair by
        # putting one participant's window no later than its mirror image.
        inst = self.instance
        last = inst.slots - 1
        if inst.fixed or inst.locked or inst.precedences or inst.previous or not self.windows:
            return
        for i in range(len(inst.meetings)):
            allowed = set(self._slots(i))
            if {last - t for t in allowed} != allowed:
                return
        p = min(self.windows, key=lambda q: (len(self.of[q]), q))
        before, after = self.windows[p]
        # first slot = slots - sum(before), last slot = sum(after) - 1; first + last <= slots - 1.
        self.model.add(sum(after) <= sum(before))

    def _add_all_different(self) -> None:
        # Implied: a participant's meetings take pairwise different slots (Hall-interval pruning).
        if self.instance.select:
            return
        slot = {}
        for i in range(len(self.instance.meetings)):
            slots = self._slots(i)
            slot[i] = self.model.new_int_var_from_domain(
                cp_model.Domain.from_values(slots), f"slot{i}"
            )
            self.model.add(slot[i] == self._slot_expr(i))
        for p in range(self.instance.participants):
            if len(self.of[p]) > 1:
                self.model.add_all_different(slot[i] for i in self.of[p])


def add_blocks(
    model: cp_model.CpModel,
    busy: dict,
    p: int,
    slots: list[int],
    longest: int,
    pairwise: bool = False,
) -> list[tuple[int, int, cp_model.IntVar]]:
    """Describe ``p``'s busy slots (``busy[p, t]`` for each of ``slots``, the slots p may meet in)
    as non-adjacent blocks of consecutive slots, at most ``longest`` long: one flag per block that
    fits, each busy slot covered by exactly one chosen block, no two chosen blocks side by side
    (they would be one), so the chosen blocks are the runs of busy slots. Returns
    (first slot, length, flag) per block.

    Side by side is ruled out by one linear row per slot, or with ``pairwise`` by a clause per
    pair of blocks: the same rule, but CP-SAT's search differs (B2B benchmark, ticf-13crafc, the
    one-break candidate 48: found in 0.5 s with clauses, undecided in 5 s with rows with two
    seeds of three).
    """
    covering: dict[int, list] = defaultdict(list)
    starting: dict[int, list] = defaultdict(list)
    ending: dict[int, list] = defaultdict(list)
    blocks = []
    for k in slots:
        for length in range(1, longest + 1):
            if (p, k + length - 1) not in busy:
                break
            b = model.new_bool_var(f"blk{p}_{k}_{length}")
            blocks.append((k, length, b))
            starting[k].append(b)
            ending[k + length - 1].append(b)
            for t in range(k, k + length):
                covering[t].append(b)
    for t in slots:
        model.add(sum(covering[t]) == busy[p, t])
        if pairwise:
            for end in ending[t - 1]:
                for start in starting[t]:
                    model.add_bool_or([end.Not(), start.Not()])
        elif ending[t - 1] and starting[t]:
            model.add(sum(ending[t - 1]) + sum(starting[t]) <= 1)
    return blocks


def _run_lengths(sorted_slots: list[int]) -> list[int]:
    runs: list[int] = []
    for i, t in enumerate(sorted_slots):
        if i and t == sorted_slots[i - 1] + 1:
            runs[-1] += 1
        else:
            runs.append(1)
    return runs
