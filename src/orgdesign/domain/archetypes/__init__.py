"""The four organisation archetypes of the seed brief, read from an organisation's structure.

This package owns the domain knowledge of the brief's archetypes as far as it
can be judged from the structure alone:

- `info`: what each archetype is (`ARCHETYPE_INFO`: shape, strengths, risks, as
  data from the message catalogue), thresholds and the shared result types;
- `structure`: the structural features that tell them apart (`analyse`);
- `infer`: the archetype that fits best (`infer_archetype`), with scores and
  English reasons;
- `gaps` and `duties`: the gaps between a structure and a given archetype
  (`signature_gaps`, `chain_gaps`, `brand_owner_gaps`, `group_role_gaps`,
  `wall_gaps`, `archetype_gaps`), each naming the brief's risk and what to do,
  with the place to fix it;
- `starters`: the commented starting file of each archetype (`orgdesign new`).

The ARCH4xx rules report these gaps; `stats` and `recommend` use the
inference. The package imports neither rules nor analysis.
"""

from __future__ import annotations

from orgdesign.domain.archetypes.duties import (
    BRAND_RESPONSIBILITIES,
    COORDINATION_RESPONSIBILITIES,
    STRATEGY_RESPONSIBILITIES,
    GroupDuty,
    archetype_gaps,
    brand_owner_gaps,
    chain_gaps,
    group_duties,
    group_role_gaps,
    wall_gaps,
)
from orgdesign.domain.archetypes.gaps import Limits, archetype_location, shape_gaps, signature_gaps
from orgdesign.domain.archetypes.infer import (
    NO_FUNCTION,
    SIGNALS,
    Signal,
    effective_archetype,
    explain,
    infer_archetype,
    infer_from,
    score,
)
from orgdesign.domain.archetypes.info import (
    ARCHETYPE_INFO,
    CONTRADICTION_SCORE,
    FUNCTIONAL_MIN_GROUPS,
    LEAN_MAX_LAYERS,
    LEAN_MAX_SEATS,
    LINE_TYPES,
    ArchetypeInference,
    ArchetypeInfo,
    Gap,
    archetype_word,
    stage_word,
)
from orgdesign.domain.archetypes.starters import (
    STARTER_LANGUAGES,
    starter_language,
    starting_file,
)
from orgdesign.domain.archetypes.structure import (
    Structure,
    analyse,
    discipline_groups,
    line_stages,
    stages_of,
    top_lines,
    unit_lines,
)

__all__ = [
    "ARCHETYPE_INFO",
    "BRAND_RESPONSIBILITIES",
    "CONTRADICTION_SCORE",
    "COORDINATION_RESPONSIBILITIES",
    "FUNCTIONAL_MIN_GROUPS",
    "LEAN_MAX_LAYERS",
    "LEAN_MAX_SEATS",
    "LINE_TYPES",
    "NO_FUNCTION",
    "SIGNALS",
    "STARTER_LANGUAGES",
    "STRATEGY_RESPONSIBILITIES",
    "ArchetypeInference",
    "ArchetypeInfo",
    "Gap",
    "GroupDuty",
    "Limits",
    "Signal",
    "Structure",
    "analyse",
    "archetype_gaps",
    "archetype_location",
    "archetype_word",
    "brand_owner_gaps",
    "chain_gaps",
    "discipline_groups",
    "effective_archetype",
    "explain",
    "group_duties",
    "group_role_gaps",
    "infer_archetype",
    "infer_from",
    "line_stages",
    "score",
    "shape_gaps",
    "signature_gaps",
    "stage_word",
    "stages_of",
    "starter_language",
    "starting_file",
    "top_lines",
    "unit_lines",
    "wall_gaps",
]
