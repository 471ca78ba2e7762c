"""The learned grouping: folds by cluster, the pair model, explanations, no chaining, variants."""

from __future__ import annotations

import json
import random
from io import StringIO
from pathlib import Path

import numpy as np
import pytest
from django.core.management import call_command

from bench.petition_generator import VARIATIONS, vary
from hdnd.petitions.synthesis import crossval
from hdnd.petitions.synthesis.explain import explain_groups, explain_pair
from hdnd.petitions.synthesis.features import vectorize
from hdnd.petitions.synthesis.grouping import group_texts
from hdnd.petitions.synthesis.model import PairModel, default_model, fit_weights
from hdnd.petitions.synthesis.normalize import analyse

TINY = [
    {"cluster_id": "A", "similarity": "strong", "members": ["a1", "a2", "a3"]},
    {"cluster_id": "B", "similarity": "strong", "members": ["b1", "b2"]},
    {"cluster_id": "C", "similarity": "topical", "members": ["c1", "c2"]},
    {"cluster_id": "T-B-C", "similarity": "topical", "members": ["b2", "c1"]},
    {"cluster_id": "REPEAT", "similarity": "self-declared repeat", "members": ["a1", "u1"]},
]
TINY_IDS = ["a1", "a2", "a3", "b1", "b2", "c1", "c2", "u1", "u2", "u3", "u4"]


def test_folds_keep_every_labelled_group_whole_and_spread_the_rest() -> None:
    folds = crossval.folds_by_cluster(TINY_IDS, TINY, k=2)
    assert folds["a1"] == folds["a2"] == folds["a3"]
    assert folds["b1"] == folds["b2"] == folds["c1"] == folds["c2"]  # joined by the T- row
    assert folds["a1"] != folds["b1"]  # the two components go to different folds
    assert sorted(folds.values()).count(0) in (5, 6)  # unlabelled petitions even the folds out
    assert crossval.folds_by_cluster(TINY_IDS, TINY, k=2) == folds  # seeded: the same every time


def test_pairs_are_positive_inside_strong_groups_and_unscored_in_topical_ones() -> None:
    pairs = crossval.labelled(TINY)
    assert pairs.label(("a1", "a2")) == 1
    assert pairs.label(("b2", "c1")) is None
    assert pairs.label(("c1", "c2")) is None
    assert pairs.label(("a1", "u1")) == 0  # the REPEAT row is not a group
    assert pairs.label(("a1", "b1")) == 0


def test_scores_leave_unscored_pairs_out() -> None:
    pairs = crossval.labelled(TINY)
    scores = crossval.score(["a1", "a2", "c1", "c2"], [0, 0, 1, 1], pairs)
    assert (scores.true_positive, scores.predicted, scores.positive) == (1, 1, 1)


def test_cross_validation_fits_on_the_other_folds_only() -> None:
    seen: list[set[str]] = []

    def method(ids, texts, positive, ignored):
        seen.append(set(ids))
        assert all(a in ids and b in ids for a, b in positive)
        return lambda batch: list(range(len(batch)))

    texts = [f"text {i}" for i in TINY_IDS]
    result = crossval.cross_validate(TINY_IDS, texts, TINY, method, k=2)
    assert len(result.folds) == 2
    assert seen[0].isdisjoint(seen[1])
    assert seen[0] | seen[1] == set(TINY_IDS)


def test_logistic_weights_are_learned_and_non_negative() -> None:
    rng = np.random.default_rng(1)
    signal = rng.random(400)
    noise = rng.random(400)
    targets = (signal > 0.7).astype(float)
    weights, bias = fit_weights(np.column_stack([signal, noise]), targets, ("word", "char"))
    assert weights["word"] > 3 * weights["char"] >= 0
    assert bias < 0


def test_the_shipped_model_is_data_with_its_threshold() -> None:
    model = default_model()
    assert set(model.weights) == {"word", "char", "object", "action", "concept"}
    assert 0 < model.threshold < 1
    assert model.trained_on["positive_pairs"] > 100
    again = PairModel.from_json(json.loads(json.dumps(model.to_json())))
    assert again.weights == pytest.approx(model.weights, abs=1e-6)


def test_a_chain_does_not_join_its_ends() -> None:
    """A ~ B and B ~ C, A and C unrelated: B goes with one of them, never all three in one group."""
    a = "Đề nghị đầu tư xây dựng cầu qua suối cho nhân dân đi lại."
    b = "Đề nghị đầu tư xây dựng cầu qua suối và kéo điện lưới quốc gia cho các thôn chưa có điện."
    c = "Đề nghị kéo điện lưới quốc gia cho các thôn chưa có điện."
    model = default_model()
    spaces = vectorize([analyse(t) for t in (a, b, c)], model.background, model.idf_power)
    combined = spaces.combined(model.weights)
    similarity = (combined @ combined.T).toarray()
    assert similarity[0, 1] >= model.threshold
    assert similarity[1, 2] >= model.threshold
    assert similarity[0, 2] < model.threshold / 2
    labels = group_texts([a, b, c])
    assert labels[0] != labels[2]


def test_many_petitions_of_one_demand_do_not_pull_in_another() -> None:
    bridges = [
        f"Xây dựng cầu qua suối cho bản {n} đi lại." for n in ("Nà Lừa", "Pác Nặm", "Khuổi Ỏ", "Nà Ca")
    ]
    mixed = "Xây dựng cầu qua suối, đồng thời nâng mức phụ cấp cho trưởng thôn."
    allowance = "Nâng mức phụ cấp cho trưởng thôn và cán bộ không chuyên trách."
    labels = group_texts([*bridges, mixed, allowance])
    assert len(set(labels[:4])) == 1
    assert labels[5] != labels[0]


def test_a_pair_explanation_names_the_shared_demand_object_and_words() -> None:
    explanation = explain_pair(
        "Cử tri thôn Nà Lung đề nghị xây dựng cầu qua suối để nhân dân đi lại.",
        "De nghi xay dung cau qua suoi cho ban Ngay",
    )
    assert explanation.objects == ["cầu"]
    assert explanation.demands
    assert "cau" in explanation.words
    assert "suoi" in explanation.words
    assert explanation.similarity >= default_model().threshold
    assert 0.5 < explanation.probability <= 1
    assert set(explanation.as_json()) == {"similarity", "probability", "cosines", "demand", "object", "words"}


def test_group_explanations_say_what_most_members_share() -> None:
    texts = [
        "Kéo điện lưới quốc gia đến thôn Nà Sảm.",
        "Đầu tư đường điện cho bản Bang chưa có điện.",
        "Nâng mức phụ cấp cho trưởng thôn.",
    ]
    analyses = [analyse(t) for t in texts]
    labels = group_texts(texts)
    groups = explain_groups(analyses, labels)
    electricity = groups[labels[0]]
    assert labels[0] == labels[1] != labels[2]
    assert electricity.size == 2
    assert "điện lưới" in electricity.objects
    assert 0 < electricity.cohesion <= 1
    assert groups[labels[2]].cohesion == 1.0


@pytest.mark.parametrize("variation", VARIATIONS)
def test_a_variant_groups_with_its_petition(variation: str) -> None:
    text = "Đề nghị Ủy ban nhân dân tỉnh đầu tư xây dựng cầu treo qua suối Nậm Con, nối bản Ngày và bản Sàng."
    others = [
        "Nâng mức phụ cấp cho trưởng thôn và cán bộ không chuyên trách.",
        "Xử lý tình trạng ô nhiễm môi trường do trại chăn nuôi lợn.",
        "Đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ dân.",
    ]
    varied, applied = vary(text, random.Random(7), only=(variation,))
    assert applied == (variation,)
    labels = group_texts([text, varied, *others])
    assert labels[0] == labels[1]
    assert labels[1] not in labels[2:]


def test_the_command_explains_each_group_on_request(tmp_path: Path) -> None:
    source = tmp_path / "in.jsonl"
    rows = [
        {"id": 1, "text": "Xây dựng cầu qua suối thôn Nà Lung", "place": "Xã Thượng Lâm"},
        {"id": "b", "text": "Cu tri xa Yen Nguyen de nghi xay dung cau qua suoi cho ban Ngay"},
        {"id": 3, "text": "Nâng mức phụ cấp cho trưởng thôn"},
    ]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    call_command("synthesize_petitions", input=str(source), output=str(out), explain=True, stdout=StringIO())
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [1, "b", 3]
    assert lines[0]["group"] == lines[1]["group"] != lines[2]["group"]
    assert lines[0]["explain"]["object"] == ["cầu"]
    assert lines[0]["explain"]["size"] == 2
    plain = tmp_path / "plain.jsonl"
    call_command("synthesize_petitions", input=str(source), output=str(plain), processes=1, stdout=StringIO())
    assert [set(json.loads(line)) for line in plain.read_text(encoding="utf-8").splitlines()] == [
        {"id", "group"}
    ] * 3


def test_held_out_folds_of_the_real_petitions_reach_the_budget(engine_cv: crossval.CrossValidation) -> None:
    """Issue 14's budget: F1 ≥ 0.75 on petitions held out by cluster, and no fold below 0.6."""
    assert len(engine_cv.folds) == 5
    assert engine_cv.mean_f1 >= 0.75
    assert engine_cv.worst_f1 >= 0.6


def test_tests_needing_the_real_data_fail_under_ci_without_it(monkeypatch: pytest.MonkeyPatch) -> None:
    from hdnd.petitions.tests import test_synthesis

    monkeypatch.setattr(test_synthesis, "SHARED", Path("/nonexistent/shared/data"))
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception):
        test_synthesis.shared_folder()
    monkeypatch.setenv("CI", "")
    with pytest.raises(pytest.skip.Exception):
        test_synthesis.shared_folder()


def test_staff_pairs_extend_the_labelled_pairs() -> None:
    from hdnd.petitions.synthesis import training

    ids = ["a", "b", "c", "d"]
    texts = [
        "Kéo điện lưới quốc gia đến thôn chưa có điện.",
        "Đầu tư đường điện cho bản chưa có điện.",
        "Nâng mức phụ cấp cho trưởng thôn.",
        "Xây dựng cầu qua suối.",
    ]
    staff = [("Xây cầu treo qua sông.", "Xây dựng cầu qua suối cho bản.", 1)] * 5
    plain = training.fit(ids, texts, {("a", "b")}, set(), inner_folds=1)
    extended = training.fit(ids, texts, {("a", "b")}, set(), inner_folds=1, extra=staff)
    assert extended.trained_on["pairs"] == plain.trained_on["pairs"] + 5
    assert extended.trained_on["positive_pairs"] == plain.trained_on["positive_pairs"] + 5


def test_gatherings_of_many_versions_weigh_by_their_size_when_demands_are_grouped() -> None:
    """B stands for 100 versions of one petition, A and C for one each; B·C 0.8, A·C 0.6, A·B 0.05.
    B and C go together; A's average similarity to them is (100 × 0.05 + 0.6) / 101 ≈ 0.06, not the
    (0.05 + 0.6) / 2 ≈ 0.33 of a linkage that counts B as one row: at 0.3, A stays apart."""
    from scipy import sparse

    from hdnd.petitions.synthesis.grouping import group_matrix

    gram = np.asarray([[1.0, 0.05, 0.6], [0.05, 1.0, 0.8], [0.6, 0.8, 1.0]])
    matrix = sparse.csr_matrix(np.linalg.cholesky(gram).astype(np.float32))  # rows A, B, C
    sizes = np.asarray([1.0, 100.0, 1.0])
    weighted = group_matrix(matrix, sizes, 0.3, link_chunk=False)
    assert weighted[0] != weighted[1] == weighted[2]
    counted_as_rows = group_matrix(matrix, sizes, 0.3)
    assert counted_as_rows[0] == counted_as_rows[1] == counted_as_rows[2]
